import type { Command, CommandContext } from '../src/core/command.ts';
import { sayStored } from '../src/core/i18n.ts';
import { buttons, heading, list, note, paragraph } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { SecretKeyMismatchError } from '../src/core/secrets.ts';
import { listCheckpoints, type CheckpointRow } from '../src/db/queries/list-checkpoints.ts';
import { countMirror } from '../src/db/queries/count-mirror.ts';
import type { Counts } from '../src/rapidpro/sync/sync-window.ts';

/**
 * Of a checkpoint's own counts (what its last run wrote), those that are not in the mirror's
 * tables: how many groups RapidPro has, and records skipped for their shape.
 */
const KEPT_FROM_CHECKPOINT = ['groups', 'skipped'];

/**
 * `sync status` — per entity: when it last synced, how far behind RapidPro the mirror is, what
 * the mirror holds, and the last error. `sync now` queues a sync of everything
 * at once (each entity from where it stopped, boundaries only when a day old).
 */
export const sync: Command = {
  name: 'sync',
  role: 'admin',
  holds: 'figures',
  samples: ['sync status', 'sync now'],
  async run(ctx, [what = 'status']) {
    if (what === 'now') {
      await ctx.services.jobs.syncOrg(ctx.org.id);
      return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:sync.queued'))] };
    }
    if (what !== 'status') throw new UserError('errors.syncUnknown', { what }, true);
    const [rows, mirror] = await Promise.all([
      listCheckpoints(ctx.services.sql, ctx.org.id),
      countMirror(ctx.services.sql, ctx.org.id),
    ]);
    // A token this SECRET_KEY cannot decrypt stops every sync: said first, with what to do.
    const keyProblem = await ctx.services.rapidproFor(ctx.org.id).then(
      () => [],
      (error: unknown) => (error instanceof SecretKeyMismatchError ? [note(ctx.t('errors.secretKeyChanged'))] : []),
    );
    if (rows.length === 0)
      return { direction: ctx.direction, blocks: [...keyProblem, note(ctx.t('commands:sync.never'))] };
    return {
      direction: ctx.direction,
      blocks: [
        ...keyProblem,
        heading(ctx.t('commands:sync.title', { org: ctx.org.name })),
        list(rows.map((row) => describe(ctx, row, mirror.get(row.entity)))),
        buttons({ label: ctx.t('commands:sync.now'), command: 'sync now' }),
      ],
    };
  },
};

function describe(ctx: CommandContext, row: CheckpointRow, held: Counts | undefined): string {
  const now = ctx.services.now().getTime();
  // Per-poll rows (runs:<uuid>, and backfill:<uuid> for older answers fetched on request) by the poll's name.
  const name = row.pollName
    ? ctx.t(row.entity.startsWith('backfill:') ? 'commands:sync.entity_backfillOf' : 'commands:sync.entity_runsOf', {
        poll: row.pollName,
      })
    : sayStored(ctx.t, `commands:sync.entity_${row.entity.replace(':', '_')}`, row.entity);
  const kept = Object.entries(row.counts).filter(([key]) => !held || KEPT_FROM_CHECKPOINT.includes(key));
  const counts = [...kept, ...Object.entries(held ?? {})]
    .filter(([, n]) => n > 0)
    .map(([key, n]) =>
      sayStored(ctx.t, `commands:sync.count_${key}`, `${key} ${ctx.t('common:number', { value: n })}`, { count: n }),
    )
    .join(', ');
  const parts = [
    row.lastSuccessAt
      ? ctx.t('commands:sync.lastSuccess', {
          seconds: Math.max(0, Math.round((now - row.lastSuccessAt.getTime()) / 1000)),
        })
      : ctx.t('commands:sync.noSuccess'),
  ];
  if (row.syncedUntil)
    parts.push(
      ctx.t('commands:sync.lag', { seconds: Math.max(0, Math.round((now - row.syncedUntil.getTime()) / 1000)) }),
    );
  if (counts) parts.push(counts);
  if (row.windowEnd) parts.push(ctx.t('commands:sync.inProgress'));
  if (row.lastError) {
    parts.push(ctx.t('commands:sync.lastError', { error: row.lastError.slice(0, 200) }));
  }
  return ctx.t('commands:sync.line', { name, parts: parts.join(' · ') });
}
