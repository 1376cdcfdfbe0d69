// Every dialog, once: the admin commands with several arguments, asked field by field.
import type { Dialog } from '../core/dialog.ts';
import { addSupervisor } from './add-supervisor.ts';
import { arrangeRegions } from './arrange-regions.ts';
import { choosePolls, chooseRegions, chooseReporterGroups } from './choose-from-workspace.ts';
import { connectRapidPro } from './connect-rapidpro.ts';
import { inviteSupervisor } from './invite-supervisor.ts';
import { linkBoundary } from './link-boundary.ts';

export const dialogs: readonly Dialog[] = [
  connectRapidPro,
  choosePolls,
  chooseRegions,
  chooseReporterGroups,
  arrangeRegions,
  linkBoundary,
  addSupervisor,
  inviteSupervisor,
];
