// The choices dialogs offer: what the RapidPro workspace has (as the background syncs last read
// it), and the org's own regions.
import type { CommandContext } from '../core/command.ts';
import type { Option } from '../core/dialog.ts';
import { listOffered } from '../db/queries/list-offered.ts';

export async function offeredOptions(ctx: CommandContext, kind: 'flows' | 'groups'): Promise<Option[]> {
  const offered = await listOffered(ctx.services.sql, ctx.org.id, kind);
  return offered.map((item) => ({ value: item.uuid, label: item.name })).sort(byLabel);
}

export function regionOptions(ctx: CommandContext): Promise<Option[]> {
  return Promise.resolve(
    [...ctx.regions.byId.values()].map((r) => ({ value: String(r.id), label: r.name })).sort(byLabel),
  );
}

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);
