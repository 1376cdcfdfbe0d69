// Figures drawn with characters, for chats that take no pictures: a share as a bar of block
// elements (eighths of a cell, so 10 cells tell 80 steps apart), values over time as a sparkline.

const FULL = '█';
/** A cell filled by 1/8 … 7/8, from the left. */
const PARTS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const BAR_CELLS = 10;

/** A share (0..1) as a bar of 10 cells; a share above nothing shows at least a sliver. */
export function toBar(share: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, share)) * BAR_CELLS * 8);
  const shown = share > 0 ? Math.max(1, eighths) : 0;
  return FULL.repeat(Math.floor(shown / 8)) + PARTS[shown % 8]!;
}

/** Values in order as a sparkline, scaled from `min` to `max` (all alike: the middle level). */
export function toSparkline(values: readonly number[], min: number, max: number): string {
  return values
    .map((value) => {
      const level = max > min ? Math.round(((value - min) / (max - min)) * (LEVELS.length - 1)) : 3;
      return LEVELS[Math.min(LEVELS.length - 1, Math.max(0, level))]!;
    })
    .join('');
}
