import { findPerson, listPeople } from '../../core/people/query.js';
import type { DB } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { NotFoundError } from '../../io/errors.js';

/**
 * A person from what was typed (id, e-mail, name). On a terminal, a name that fits several people,
 * or none exactly, offers the people whose name, e-mail or organization contains the text.
 */
export async function resolvePerson(ctx: Context, db: DB, ref: string): Promise<number> {
  try {
    return findPerson(db, ref);
  } catch (err) {
    if (!(err instanceof NotFoundError) || !ctx.canPrompt || /^#?\d+$/.test(ref.trim())) throw err;
    const candidates = listPeople(db, { search: ref, limit: 30 });
    if (candidates.length === 0) throw err;
    return ctx.prompts.select<number>({
      message: `Which person is "${ref}"?`,
      choices: candidates.map((p) => ({
        name: [`#${p.id}`, [p.title, p.first_name, p.last_name].filter(Boolean).join(' '), p.organization, p.email].filter(Boolean).join(' · '),
        value: p.id,
      })),
    });
  }
}
