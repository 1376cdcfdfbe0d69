// Options every chart shares: the title and caption, text large enough to read on a phone once
// the picture is shrunk to the screen, no animation, and legends that read right to left in
// right-to-left languages.
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { textColour } from './palette.ts';
import { toTimeRange } from './time-range.ts';

const TITLE_SIZE = 26;
export const TEXT_SIZE = 18;
/**
 * How wide every chart is drawn: about a phone screen's width in pixels, so a chat app shows the
 * picture near its own size (text stays the size it was drawn at) and few bytes cross a slow link.
 */
export const PHONE_WIDTH = 640;
const PADDING = 16;

/** How many letters fit across a chart in the title's and the caption's sizes (a letter of Noto Sans is about half its size wide; a little to spare). */
const LETTER = 0.53;
const TITLE_CHARS = Math.floor((PHONE_WIDTH - 2 * PADDING) / (TITLE_SIZE * LETTER));
const CAPTION_CHARS = Math.floor((PHONE_WIDTH - 2 * PADDING) / (TEXT_SIZE * LETTER));

/**
 * Chart.js writes a title on one line, past the picture's edges if it is long: long ones are
 * broken into lines at the separator (a caption's parts stay whole).
 */
function wrap(text: string, width: number, separator: string): string[] {
  const lines: string[] = [];
  for (const part of text.split(separator)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + separator.length + part.length <= width)
      lines[lines.length - 1] = last + separator + part;
    else lines.push(part);
  }
  return lines;
}

/** Where the legend goes, if the chart has one. */
export type LegendPlace = 'bottom' | 'none';

export function frameOptions(frame: ChartFrame, legend: LegendPlace) {
  const rtl = frame.direction === 'rtl';
  return {
    locale: frame.locale,
    responsive: false,
    animation: false as const,
    devicePixelRatio: 1,
    color: textColour,
    layout: { padding: PADDING },
    plugins: {
      title: {
        display: true,
        text: wrap(frame.title, TITLE_CHARS, ' '),
        color: textColour,
        font: { size: TITLE_SIZE, weight: 'bold' as const },
      },
      subtitle: {
        display: true,
        text: wrap(frame.caption, CAPTION_CHARS, ' · '),
        color: textColour,
        font: { size: TEXT_SIZE },
        padding: { bottom: 12 },
      },
      legend:
        legend === 'none'
          ? { display: false }
          : {
              display: true,
              position: legend,
              rtl,
              textDirection: frame.direction,
              labels: { font: { size: TEXT_SIZE }, color: textColour },
            },
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

/**
 * Values over time: dates on a time scale, so each sits at its distance from the others (a gap of
 * a day looks like a day, a month like a month), labelled at chosen poll-run dates in the reader's
 * language (the luxon date adapter formats with Intl in the chart's locale; QuickChart's adapter
 * reads the same plain options). The axis runs a little past both ends, so the newest date's label
 * is never cut off at the left edge of a right-to-left chart.
 */
export function timeAxes(frame: ChartFrame, valueTitle: string, days: readonly string[], value: { max?: number } = {}) {
  const rtl = frame.direction === 'rtl';
  const range = toTimeRange(days);
  return {
    x: {
      type: 'time' as const,
      reverse: rtl,
      min: range.min,
      max: range.max,
      // Days are calendar dates, the same wherever the bot runs.
      adapters: { date: { zone: 'UTC' } },
      time: { unit: 'day' as const },
      ticks: { ...ticks, source: 'labels' as const, autoSkip: false, maxRotation: 0 },
      grid: { display: false },
    },
    y: {
      beginAtZero: true,
      ...(value.max === undefined ? {} : { max: value.max }),
      position: rtl ? ('right' as const) : ('left' as const),
      ticks,
      title: axisTitle(valueTitle),
    },
  };
}

/** The dates a time axis names (see timeAxes): they go in the chart's `labels`. */
export function timeLabels(days: readonly string[]): string[] {
  return toTimeRange(days).labelled;
}

/** What every spec takes from its frame: alt text, file name and text direction. */
export function frameFields(frame: ChartFrame): Pick<ChartSpec, 'alt' | 'filename' | 'direction'> {
  return { alt: `${frame.title}. ${frame.caption}`, filename: chartFilename(frame.title), direction: frame.direction };
}

/** A file name from a title: letters and digits of any script, dashes between words. */
function chartFilename(title: string): string {
  const stem = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${stem || 'chart'}.png`;
}
