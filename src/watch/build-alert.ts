// The message a region falling behind sends its supervisors: the figures, where it is heading,
// and the way out as buttons (each a command, run through dispatch like a typed one). Several
// regions behind in one person's scope make one message, rolled up.
import type { Translator } from '../core/i18n.ts';
import { buttons, heading, list, note, paragraph, type Button, type Reply } from '../core/reply.ts';
import type { Standing } from '../domain/judge-run.ts';
import type { RegionNode } from '../domain/region-tree.ts';

export interface AlertItem {
  region: RegionNode;
  standing: Standing;
}

export interface AlertInput {
  poll: { id: number; name: string };
  day: string;
  items: AlertItem[];
  /** When the run usually ends, and the org's timezone to say it in. */
  endsAt: Date;
  timezone: string;
}

/** How many regions of a rolled-up alert get buttons of their own (the most contacts short first). */
const REGIONS_WITH_BUTTONS = 3;

export function buildAlert({ t, lng, direction }: Translator, input: AlertInput): Reply {
  const end = formatEnd(input.endsAt, lng, input.timezone);
  const items = [...input.items].sort((a, b) => b.standing.missing - a.standing.missing);
  const run = (region: RegionNode) => `#${input.poll.id} ${input.day} #${region.id}`;
  const mute: Button = { label: t('watch:mute'), command: `watch off #${input.poll.id}` };
  const figures = (s: Standing) => ({
    share: s.share,
    complete: s.complete,
    asked: s.asked,
    usual: s.usual,
    count: s.missing,
  });
  if (items.length === 1) {
    const { region, standing } = items[0]!;
    return {
      direction,
      blocks: [
        heading(
          t(standing.level === 2 ? 'watch:titleFar' : 'watch:title', {
            region: region.name,
            poll: input.poll.name,
            day: input.day,
          }),
        ),
        paragraph(t('watch:figures', figures(standing))),
        paragraph(t('watch:forecast', { forecast: standing.forecast, end, usualFinal: standing.usualFinal })),
        note(t(`watch:basis_${standing.basis}`, { count: standing.runs })),
        buttons(
          { label: t('watch:messageThem'), command: `message ${run(region)} nonrespondents` },
          { label: t('watch:seeWho'), command: `nonrespondents ${run(region)}` },
          mute,
        ),
      ],
    };
  }
  return {
    direction,
    blocks: [
      heading(t('watch:rolledTitle', { count: items.length, poll: input.poll.name, day: input.day })),
      list(
        items.map(({ region, standing }) =>
          t('watch:line', { region: region.name, ...figures(standing), forecast: standing.forecast, end }),
        ),
      ),
      buttons(
        ...items.slice(0, REGIONS_WITH_BUTTONS).flatMap(({ region }) => [
          {
            label: t('watch:messageRegion', { region: region.name }),
            command: `message ${run(region)} nonrespondents`,
          },
          { label: t('watch:seeRegion', { region: region.name }), command: `nonrespondents ${run(region)}` },
        ]),
        mute,
      ),
    ],
  };
}

/** "Tue 14:00": the usual end, in the org's timezone and the reader's language. */
export function formatEnd(at: Date, lng: string, timezone: string): string {
  return at.toLocaleString(lng, {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}
