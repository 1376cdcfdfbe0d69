// Which of the workspace's flows are polls, and which contact groups are regions and reporter
// groups: one list of toggles each, with the current choice already ticked.
import { quote, type Dialog } from '../core/dialog.ts';
import { listChosenUuids } from '../db/queries/list-chosen-groups.ts';
import { offeredOptions } from './offered-options.ts';

function chooseFromWorkspace(
  id: 'polls' | 'regions' | 'reporters',
  offered: 'flows' | 'groups',
  table: 'polls' | 'regions' | 'reporter_groups',
): Dialog {
  return {
    id,
    opens: `setup ${id}`,
    fields: [
      {
        id: 'chosen',
        kind: 'many',
        options: (ctx) => offeredOptions(ctx, offered),
        chosen: (ctx) => listChosenUuids(ctx.services.sql, table, ctx.org.id),
      },
    ],
    toCommand: (v) => [`setup ${id}`, ...(v.chosen ?? []).map(quote)].join(' '),
  };
}

export const choosePolls = chooseFromWorkspace('polls', 'flows', 'polls');
export const chooseRegions = chooseFromWorkspace('regions', 'groups', 'regions');
export const chooseReporterGroups = chooseFromWorkspace('reporters', 'groups', 'reporter_groups');
