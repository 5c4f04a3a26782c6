/**
 * The import kinds, loaded lazily: `coalition import contacts` never loads the training or hotline
 * code. `trainings`, `hotline` and `activities` are written in their own areas; until their module
 * exists in this build, asking for them is a clear refusal rather than a crash.
 */
import { RefusedError, UsageError } from '../../../io/errors.js';
import type { ImportKind, KindHandler } from '../types.js';

export const IMPORT_KINDS: readonly ImportKind[] = ['attendees', 'contacts', 'trainings', 'hotline', 'activities'];

type Module = Record<string, unknown>;

/** Modules named through a variable so that a kind not yet written does not break the build. */
const modules: Record<ImportKind, string> = {
  attendees: './attendees.js',
  contacts: './contacts.js',
  trainings: './trainings.js',
  hotline: './hotline.js',
  activities: './activities.js',
};

function isHandler(v: unknown): v is KindHandler {
  if (typeof v !== 'object' || v === null || !Array.isArray((v as KindHandler).fields)) return false;
  const h = v as KindHandler;
  return typeof h.writeRow === 'function' || (typeof h.prepare === 'function' && typeof h.write === 'function');
}

/** Finds the handler a kind's module exports: `handler`, `default`, `<kind>Handler` or any export
 * shaped like one. */
export function handlerFrom(mod: Module, kind: ImportKind): KindHandler | undefined {
  for (const name of ['handler', 'default', `${kind}Handler`, `${kind.replace(/s$/, '')}Handler`]) if (isHandler(mod[name])) return mod[name] as KindHandler;
  return Object.values(mod).find(isHandler);
}

export const kindLoaders: Record<ImportKind, () => Promise<KindHandler>> = Object.fromEntries(
  IMPORT_KINDS.map((kind) => [
    kind,
    async () => {
      let mod: Module;
      try {
        mod = (await import(modules[kind])) as Module;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(modules[kind].slice(2, -3))) {
          throw new RefusedError(`importing ${kind} is not available yet in this version of coalition`, { hint: `the kinds available now are: ${IMPORT_KINDS.filter((k) => k === 'attendees' || k === 'contacts').join(', ')}` });
        }
        throw err;
      }
      const h = handlerFrom(mod, kind);
      if (!h) throw new RefusedError(`importing ${kind} is not available yet in this version of coalition`);
      return h;
    },
  ]),
) as Record<ImportKind, () => Promise<KindHandler>>;

export async function loadKind(kind: string): Promise<KindHandler> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`unknown import kind "${kind}"`, { hint: `use one of: ${IMPORT_KINDS.join(', ')}` });
  }
  return kindLoaders[kind as ImportKind]();
}
