// Okabe and Ito's palette: eight colours that colour-blind readers can tell apart. Grey is kept
// for "Other" so the rest of the answers stand out.
export const palette = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
] as const;
export const otherColour = '#999999';
export const textColour = '#333333';

export function colourAt(index: number): string {
  return palette[index % palette.length]!;
}
