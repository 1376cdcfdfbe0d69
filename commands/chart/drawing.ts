// What a `chart` sub-command draws, before it is a reply: a heading, the charts, and notes.
import type { CommandContext } from '../../src/core/command.ts';
import { buttons, heading, list, note, paragraph, type Block, type Button, type Reply } from '../../src/core/reply.ts';
import { isTextOnly } from '../../src/db/queries/chat-settings.ts';
import { UserError } from '../../src/core/user-error.ts';
import { ChartUnavailableError, type ChartSpec } from '../../src/charts/chart-spec.ts';

export interface Drawing {
  heading: string;
  specs: ChartSpec[];
  notes: string[];
  /** Buttons under the notes (other charts to ask for), in one block: Telegram lays them in rows. */
  buttons?: Button[];
}

export async function toReply(ctx: CommandContext, drawing: Drawing): Promise<Reply> {
  const blocks: Block[] = [heading(drawing.heading)];
  // A chat on a slow link (`pictures off`) gets each chart's figures as text instead.
  const textOnly = await isTextOnly(ctx.services.db, {
    platform: ctx.invocation.platform,
    chatId: ctx.invocation.chatId,
  });
  for (const spec of drawing.specs) {
    if (textOnly) {
      blocks.push(paragraph(spec.alt), ...(spec.text.length > 0 ? [list(spec.text)] : []));
      continue;
    }
    try {
      blocks.push({
        type: 'image',
        png: await ctx.services.charts.render(spec),
        alt: spec.alt,
        filename: spec.filename,
      });
    } catch (error) {
      // A chart server that is down, silent or refusing is said as such (by dispatch); anything
      // else: the user is told in their language what to use instead, and the cause is logged.
      if (error instanceof ChartUnavailableError) throw error;
      ctx.services.log.error({ err: error, chart: spec.filename }, 'chart not drawn');
      throw new UserError('errors.chartFailed');
    }
  }
  blocks.push(...drawing.notes.map((text) => note(text)));
  if (drawing.buttons?.length) blocks.push(buttons(...drawing.buttons));
  return { direction: ctx.direction, blocks };
}
