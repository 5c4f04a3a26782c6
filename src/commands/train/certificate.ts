import path from 'node:path';
import { certificateView } from '../../core/training/certificate.js';
import { resolveModule } from '../../core/training/modules.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { UsageError } from '../../io/errors.js';
import { resolveFormat, writeOutput } from '../../io/output.js';
import { success } from '../../io/style.js';
import { checkDate } from '../../core/training/signoffs.js';
import { choosePerson } from './sign.js';

export interface CertificateOptions {
  module?: string;
  date?: string;
  format?: string;
  output?: string;
  template?: string;
}

/** `coalition train certificate <person> --module M [--date] [--format html|pdf] -o FILE`. */
export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as CertificateOptions;
  if (!opts.module) throw new UsageError('missing --module', { hint: 'for example: coalition train certificate maria@example.org --module le-victim-centered -o maria.pdf' });
  const format = resolveFormat(ctx, opts, ['html', 'pdf']);
  const date = opts.date ? checkDate(opts.date) : undefined;
  const db = await openDb(ctx);
  const module = resolveModule(db, opts.module);
  const person = await choosePerson(ctx, db, args[0]);
  const view = certificateView(db, person, module, date);
  const { renderHtml } = await import('../../core/render/html.js');
  const html = await renderHtml('certificate', view, { templateFile: opts.template ? path.resolve(ctx.cwd, opts.template) : undefined });
  if (format === 'pdf') {
    const { htmlToPdf } = await import('../../core/render/pdf.js');
    await htmlToPdf(html, path.resolve(ctx.cwd, opts.output!), ctx.env);
    success(ctx, `Wrote the certificate to ${opts.output}`);
  } else {
    writeOutput(ctx, html, opts.output);
    if (opts.output && opts.output !== '-') success(ctx, `Wrote the certificate to ${opts.output}`);
  }
  return 0;
}
