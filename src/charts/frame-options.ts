// Options every chart shares: the title and caption, text large enough to read on a phone once
// the picture is shrunk to the screen, no animation, and legends that read right to left in
// right-to-left languages.
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { textColour } from './palette.ts';

const TITLE_SIZE = 26;
export const TEXT_SIZE = 18;

/** Where the legend goes, if the chart has one. */
export type LegendPlace = 'right' | 'bottom' | 'none';

export function frameOptions(frame: ChartFrame, legend: LegendPlace) {
  const rtl = frame.direction === 'rtl';
  return {
    locale: frame.locale,
    responsive: false,
    animation: false as const,
    devicePixelRatio: 1,
    color: textColour,
    layout: { padding: 16 },
    plugins: {
      title: { display: true, text: frame.title, color: textColour, font: { size: TITLE_SIZE, weight: 'bold' as const } },
      subtitle: { display: true, text: frame.caption, color: textColour, font: { size: TEXT_SIZE }, padding: { bottom: 12 } },
      legend:
        legend === 'none'
          ? { display: false }
          : { display: true, position: legend, rtl, textDirection: frame.direction, labels: { font: { size: TEXT_SIZE }, color: textColour } },
      tooltip: { enabled: false },
    },
  };
}

const ticks = { font: { size: TEXT_SIZE }, color: textColour };
const axisTitle = (text: string) => ({ display: true, text, color: textColour, font: { size: TEXT_SIZE } });

// In right-to-left languages charts are mirrored: values and time run leftwards and the labels
// sit on the right, where the reader starts.

/** Horizontal bars: one per label on y, the value on x. */
export function barAxes(frame: ChartFrame, valueTitle: string, max?: number) {
  const rtl = frame.direction === 'rtl';
  return {
    x: { beginAtZero: true, ...(max === undefined ? {} : { max }), reverse: rtl, ticks, title: axisTitle(valueTitle) },
    y: { position: rtl ? ('right' as const) : ('left' as const), ticks, grid: { display: false } },
  };
}

/** Lines over time: dates on x, the value on y. */
export function timeAxes(frame: ChartFrame, valueTitle: string) {
  const rtl = frame.direction === 'rtl';
  return {
    x: { reverse: rtl, ticks, grid: { display: false } },
    y: { beginAtZero: true, position: rtl ? ('right' as const) : ('left' as const), ticks, title: axisTitle(valueTitle) },
  };
}

/** What every spec takes from its frame: alt text, file name and text direction. */
export function frameFields(frame: ChartFrame): Pick<ChartSpec, 'alt' | 'filename' | 'direction'> {
  return { alt: `${frame.title}. ${frame.caption}`, filename: chartFilename(frame.title), direction: frame.direction };
}

/** A file name from a title: letters and digits of any script, dashes between words. */
function chartFilename(title: string): string {
  const stem = title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${stem || 'chart'}.png`;
}
