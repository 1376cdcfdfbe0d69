import { eq } from 'drizzle-orm';
import type { Command } from '../src/core/command.ts';
import { rtlLanguages } from '../src/core/i18n.ts';
import { paragraph } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { chatIdentities } from '../src/db/schema/index.ts';
import { languageName } from '../src/domain/language-name.ts';

/** `lang <code>` — the language TracBot answers you in (until then, your chat app's). */
export const lang: Command = {
  name: 'lang',
  aliases: ['language'],
  role: 'supervisor',
  holds: 'personal',
  samples: ['lang en'],
  async run(ctx, [code]) {
    // Each language by its own name, which its readers recognise whatever language they read now.
    const choices = ctx.languages.map((l) => `${l} (${languageName(l, l)})`).join(', ');
    const wanted = code?.toLowerCase().split(/[-_]/)[0];
    if (!wanted || !ctx.languages.includes(wanted)) {
      throw new UserError(code ? 'errors.unknownLanguage' : 'errors.missingLanguage', { code, choices }, true);
    }
    await ctx.services.db
      .update(chatIdentities)
      .set({ language: wanted })
      .where(eq(chatIdentities.id, ctx.user.identityId));
    // The language's own name, so the answer is readable whichever of the two you read.
    const name = languageName(wanted, wanted);
    // Confirmed in the new language: the first reply in it shows the choice took.
    const direction = rtlLanguages.has(wanted) ? 'rtl' : 'ltr';
    return {
      direction,
      lng: wanted,
      blocks: [paragraph(ctx.t('commands:lang.set', { language: name, lng: wanted }))],
    };
  },
};
