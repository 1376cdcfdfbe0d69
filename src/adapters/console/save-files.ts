import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Block, Reply } from '../../core/reply.ts';

/** Writes a reply's images and files to disk; returns where each went, for the text to say. */
export async function saveFiles(reply: Reply, dir: string): Promise<Map<Block, string>> {
  const saved = new Map<Block, string>();
  for (const block of reply.blocks) {
    if (block.type !== 'image' && block.type !== 'file') continue;
    await mkdir(dir, { recursive: true });
    // Only the base name (a file name never chooses where it is written), after the time it was
    // made, so a second export of the same poll keeps the first.
    const file = path.join(dir, `${stamp()}-${path.basename(block.filename)}`);
    await writeFile(file, block.type === 'image' ? block.png : block.data);
    saved.set(block, file);
  }
  return saved;
}

/** 20261128-084512: sorts by time, safe in every file system. */
function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
