// Decodes a PNG into pixels (with the same canvas library the bot draws with), so tests can look
// at a chart the way a reader would: its size and how much of it each colour covers.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function readPng(png: Buffer): Promise<Pixels> {
  // A PNG's signature and header chunk: the file is a PNG, not just anything an image loader takes.
  assertPng(png);
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

function assertPng(png: Buffer): void {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
}

/** How many pixels are this colour (within a small tolerance, so edges blended with white don't count). */
export function countColour(pixels: Pixels, hex: string, tolerance = 8): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i < pixels.data.length; i += 4) {
    if (
      Math.abs(pixels.data[i]! - r) <= tolerance &&
      Math.abs(pixels.data[i + 1]! - g) <= tolerance &&
      Math.abs(pixels.data[i + 2]! - b) <= tolerance
    )
      n++;
  }
  return n;
}

/** The share of pixels that differ noticeably between two pictures of the same size (or a band of rows). */
export function differingShare(a: Pixels, b: Pixels, rows = { top: 0, bottom: a.height }, threshold = 48): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = rows.top * a.width * 4; i < rows.bottom * a.width * 4; i += 4) {
    const delta = Math.max(
      Math.abs(a.data[i]! - b.data[i]!),
      Math.abs(a.data[i + 1]! - b.data[i + 1]!),
      Math.abs(a.data[i + 2]! - b.data[i + 2]!),
    );
    if (delta > threshold) differing++;
  }
  return differing / (a.width * (rows.bottom - rows.top));
}
