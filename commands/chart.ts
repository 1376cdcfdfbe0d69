import type { Command } from '../src/core/command.ts';
import { drawIndicators } from './chart/draw-indicators.ts';
import { drawMap } from './chart/draw-map.ts';
import { drawPoll } from './chart/draw-poll.ts';
import { drawResponseRate } from './chart/draw-response-rate.ts';
import { toReply } from './chart/drawing.ts';

/**
 * `chart <poll> [date|latest] [region] [field=value …]` — TracPro's automatic charts as pictures:
 * participation by region, then each question as its type asks (pie or bars and the shares over
 * time, word cloud, distribution and average over time). `chart map <poll> …` shades participation
 * on the regions' boundaries; `chart trend <poll> [region] [days]` draws the response rate per
 * date for the region and the regions below it; `chart indicators <baseline> <follow-up> [region]
 * [days]` draws Recent Indicators. Each sub-command is a file of chart/.
 */
export const chart: Command = {
  name: 'chart',
  aliases: ['charts'],
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: [
    'chart Attendance latest Kampala',
    'chart Attendance latest Kampala 2',
    'chart map Attendance latest Kampala',
    'chart trend Attendance Kampala 30',
    'chart indicators "Boys enrolled" "Boys present" Kampala 30',
  ],
  async run(ctx, args) {
    const [first, ...rest] = args;
    const kind = first?.toLowerCase();
    const drawing =
      kind === 'map'
        ? await drawMap(ctx, rest)
        : kind === 'indicators'
          ? await drawIndicators(ctx, rest)
          : kind === 'trend' && rest.length > 0
            ? await drawResponseRate(ctx, rest)
            : await drawPoll(ctx, args);
    return toReply(ctx, drawing);
  },
};
