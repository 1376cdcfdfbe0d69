// Reply → terminal text, or → one JSON line for scripts. Buttons are numbered; typing the number
// presses the button.
import { fieldLine, type Block, type Button, type Reply } from '../../core/reply.ts';

export interface RenderedText {
  text: string;
  buttons: Button[];
}

/** ANSI styling only on a terminal; piped output stays plain. */
export function toText(reply: Reply, options: { color: boolean; savedFiles?: Map<Block, string> }): RenderedText {
  const bold = (s: string) => (options.color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string) => (options.color ? `\x1b[2m${s}\x1b[22m` : s);
  const red = (s: string) => (options.color ? `\x1b[31m${s}\x1b[39m` : s);
  const lines: string[] = [];
  const numbered: Button[] = [];
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'heading':
        lines.push(bold(block.text));
        break;
      case 'text':
        lines.push(reply.isError ? red(block.text) : block.text);
        break;
      case 'fields':
        lines.push(
          block.fields.map((f) => fieldLine({ label: f.label, value: bold(f.value) }, reply.lng)).join('  ·  '),
        );
        break;
      case 'list':
        lines.push(...block.items.map((item) => `  • ${item}`));
        break;
      case 'context':
        lines.push(dim(block.text));
        break;
      case 'image':
      case 'file':
        lines.push(
          dim(`[${block.filename}${options.savedFiles?.get(block) ? ` → ${options.savedFiles.get(block)}` : ''}]`),
        );
        break;
      case 'buttons':
        lines.push(
          block.buttons
            .map((button) => {
              numbered.push(button);
              return `[${numbered.length}] ${button.label}`;
            })
            .join('   '),
        );
        break;
    }
  }
  return { text: lines.join('\n'), buttons: numbered };
}

/** A reply's buttons in order, as `--json` numbers them. */
export function buttonsOf(reply: Reply): Button[] {
  return reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
}

/** One JSON line; a picture or file is given as the path it was saved to (and its size). */
export function toJson(reply: Reply, savedFiles: ReadonlyMap<Block, string> = new Map()): string {
  const blocks = reply.blocks.map((block) => {
    const file = savedFiles.get(block);
    if (block.type === 'image') return { ...block, png: undefined, path: file, bytes: block.png.length };
    if (block.type === 'file') return { ...block, data: undefined, path: file, bytes: block.data.length };
    return block;
  });
  return JSON.stringify({ ...reply, blocks });
}
