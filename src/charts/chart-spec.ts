// A chart, before it is a picture: a Chart.js configuration plus the size and words around it.
// Builders make specs from figures (pure functions, tested as data); a renderer turns a spec into
// a PNG, in-process or through QuickChart, and both read the same configuration.
import type { ChartConfiguration } from 'chart.js';
// The word-cloud and map chart types join Chart.js's own.
import type {} from 'chartjs-chart-geo';
import type {} from 'chartjs-chart-wordcloud';

export interface ChartSpec {
  /** Plain data only (no functions), so the same configuration can be posted to QuickChart. */
  config: ChartConfiguration;
  width: number;
  height: number;
  /** What the picture shows, in words: the image's alt text and its caption in chat. */
  alt: string;
  filename: string;
  /** The base direction of the chart's text: a right-to-left title starts at its right. */
  direction: 'ltr' | 'rtl';
  /**
   * The same figures as a few lines of text (Unicode bars and sparklines), for chats that take
   * no pictures (`pictures off`): a picture's worth in a hundred bytes.
   */
  text: string[];
}

/** The words around a chart, translated by the caller. */
export interface ChartFrame {
  title: string;
  /** Poll, date, region scope and number of responses, drawn under the title. */
  caption: string;
  /** The user's language: numbers are written in its digits and grouping, in full. */
  locale: string;
  direction: 'ltr' | 'rtl';
}

export interface ChartRenderer {
  render(spec: ChartSpec): Promise<Buffer>;
}

/** A chart the renderer could not draw (QuickChart down, slow or refusing): said in words. */
export class ChartUnavailableError extends Error {
  constructor(
    readonly server: string,
    /** Seconds waited for an answer that never came; null when the server answered with a refusal. */
    readonly waitedSeconds: number | null,
    /** The server's own words when it refused. */
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(
      `the chart server ${server} could not draw the chart: ${waitedSeconds === null ? detail : `no answer within ${waitedSeconds} s`}`,
      options,
    );
    this.name = 'ChartUnavailableError';
  }
}

/** Charts are drawn on white: chat apps in dark mode would lose black text on a transparent PNG. */
export const BACKGROUND = '#ffffff';
