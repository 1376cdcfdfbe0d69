// A categorical question (or a numeric one, by its rules' categories): a pie while the slices stay
// few enough to tell apart, else horizontal bars. Categories come in the flow's order with "Other"
// last and grey (orderCategories), as TracPro draws them.
import { OTHER } from '../domain/categorise-number.ts';
import type { CategoryCount } from '../domain/summarise-answers.ts';
import { barAxes, frameFields, frameOptions, PHONE_WIDTH } from './frame-options.ts';
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { formatCount, formatShare } from './format-figures.ts';
import { colourAt, otherColour } from './palette.ts';
import { toBar } from './draw-in-text.ts';

/** More slices than this are hard to compare on a phone; bars take over. */
export const PIE_MAX_CATEGORIES = 6;
const BAR_HEIGHT = 44;
const BAR_CHROME = 220;

export function buildCategoryChart(
  frame: ChartFrame,
  categories: readonly CategoryCount[],
  countTitle: string,
): ChartSpec {
  const colours = categories.map((c, i) => (c.category === OTHER ? otherColour : colourAt(i)));
  const counts = categories.map((c) => c.count);
  const text = categories.map((c) =>
    [toBar(c.share), `${c.category}: ${formatCount(frame.locale, c.count)} (${formatShare(frame.locale, c.share)})`]
      .filter(Boolean)
      .join(' '),
  );
  const base = { width: PHONE_WIDTH, ...frameFields(frame), text };
  // A pie of nothing is an empty circle: with no answers, bars show each category at zero.
  const answered = categories.filter((c) => c.count > 0).length;
  if (categories.length <= PIE_MAX_CATEGORIES && answered > 0) {
    const labels = categories.map(
      (c) => `${c.category}: ${formatCount(frame.locale, c.count)} (${formatShare(frame.locale, c.share)})`,
    );
    return {
      ...base,
      height: 560,
      config: {
        type: 'pie',
        data: {
          labels,
          // White lines between slices; one slice alone has no neighbour to part from.
          datasets: [
            { data: counts, backgroundColor: colours, borderColor: '#ffffff', borderWidth: answered > 1 ? 2 : 0 },
          ],
        },
        options: frameOptions(frame, 'bottom'),
      },
    };
  }
  const labels = categories.map((c) => `${c.category} (${formatShare(frame.locale, c.share)})`);
  return {
    ...base,
    height: BAR_CHROME + BAR_HEIGHT * categories.length,
    config: {
      type: 'bar',
      data: { labels, datasets: [{ data: counts, backgroundColor: colours }] },
      options: {
        ...frameOptions(frame, 'none'),
        indexAxis: 'y',
        scales: barAxes(frame, countTitle),
      },
    },
  };
}
