/**
 * Errors are values. The core and the commands throw these; `src/main.ts` alone maps them to the
 * contract's exit codes and prints `error:` / `hint:` lines.
 *
 * Messages must never carry personal data beyond what the user needs to find the problem: name the
 * file, line and field, not the whole row.
 */

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  partial: 3,
  cancelled: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CoalitionError extends Error {
  readonly exitCode: number = ExitCode.failure;
  readonly hint?: string;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** A bad command line: unknown flag, missing argument, conflicting flags. Exit 2. */
export class UsageError extends CoalitionError {
  override readonly exitCode = ExitCode.usage;
}

/** A record the user named does not exist. Exit 1. */
export class NotFoundError extends CoalitionError {}

/** The user asked for something the tool refuses to do (a duplicate slug, a newer schema). Exit 1. */
export class RefusedError extends CoalitionError {}

export interface DataLocation {
  file?: string;
  line?: number;
  field?: string;
}

/** Input data that cannot be used: names the file, the line and the field where known. Exit 1. */
export class InvalidDataError extends CoalitionError {
  readonly location: DataLocation;
  constructor(message: string, location: DataLocation = {}, options: { hint?: string; cause?: unknown } = {}) {
    super(formatLocated(message, location), options);
    this.location = location;
  }
}

/** The user cancelled a prompt (Ctrl-C). Exit 130. */
export class CancelledError extends CoalitionError {
  override readonly exitCode = ExitCode.cancelled;
  constructor(message = 'cancelled') {
    super(message);
  }
}

export function formatLocated(message: string, loc: DataLocation): string {
  const where: string[] = [];
  if (loc.file) where.push(loc.file);
  if (loc.line !== undefined) where.push(`line ${loc.line}`);
  if (loc.field) where.push(`field "${loc.field}"`);
  return where.length ? `${where.join(', ')}: ${message}` : message;
}
