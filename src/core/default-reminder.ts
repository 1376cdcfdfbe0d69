// The standard reminder to answer a poll, written once per language the workspace's contacts
// speak: what `remind` and the "Message them" button send when no text is typed.
import { eq } from 'drizzle-orm';
import type { CommandContext } from './command.ts';
import { limitToScope } from '../db/limit-to-scope.ts';
import { orgs } from '../db/schema/index.ts';
import { translateForWorkspace } from '../domain/translate-for-workspace.ts';

/** The default reminder in every language both the bot and the workspace know. */
export async function defaultReminder(ctx: CommandContext, poll: string) {
  const [org] = await ctx.services.db
    .select({ languages: orgs.languages, primaryLanguage: orgs.primaryLanguage })
    .from(orgs)
    .where(eq(orgs.id, ctx.org.id));
  // Contacts' own languages count too: an older workspace may not list its languages.
  const spoken = await ctx.services.sql<{ language: string }[]>`
    select distinct language from contacts where org_id = ${ctx.org.id} and language is not null and not is_deleted
      ${limitToScope(ctx.services.sql, ctx.scope, 'region_id')}`;
  const languages = [...new Set([...(org?.languages ?? []), ...spoken.map((r) => r.language)])];
  return translateForWorkspace(
    (lng) => ctx.t('commands:remind.defaultText', { poll, lng }),
    ctx.languages,
    { languages, primaryLanguage: org?.primaryLanguage ?? null },
    ctx.lng,
  );
}
