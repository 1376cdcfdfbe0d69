import type { Command } from '../src/core/command.ts';
import { fields, heading } from '../src/core/reply.ts';
import { languageName } from '../src/domain/language-name.ts';

/** `whoami` — your role, org, regions and language, as TracBot sees you. */
export const whoami: Command = {
  name: 'whoami',
  role: 'supervisor',
  holds: 'personal',
  samples: ['whoami'],
  async run(ctx) {
    const granted = ctx.user.grantedRegionIds.map((id) => ctx.regions.byId.get(id)?.name).filter(Boolean);
    const regions =
      ctx.user.role === 'admin'
        ? ctx.t('commands:whoami.allRegions')
        : granted.join(', ') || ctx.t('commands:whoami.noRegions');
    return {
      direction: ctx.direction,
      private: true,
      blocks: [
        // The name the chat platform gives now (Slack's profile name), then the one stored, before any id.
        heading(ctx.invocation.userName ?? ctx.user.displayName ?? ctx.invocation.userId),
        fields([
          { label: ctx.t('commands:whoami.role'), value: ctx.t(`commands:whoami.role_${ctx.user.role}`) },
          { label: ctx.t('commands:whoami.org'), value: ctx.org.name },
          { label: ctx.t('commands:whoami.regions'), value: regions },
          { label: ctx.t('commands:whoami.language'), value: languageName(ctx.lng, ctx.lng) },
        ]),
      ],
    };
  },
};
