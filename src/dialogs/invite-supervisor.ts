// Inviting a supervisor: their regions; the answer is a single-use link or code to pass on.
import { quote, type Dialog } from '../core/dialog.ts';
import { regionOptions } from './offered-options.ts';

export const inviteSupervisor: Dialog = {
  id: 'invite',
  opens: 'invite supervisor',
  fields: [{ id: 'regions', kind: 'many', options: regionOptions }],
  toCommand: (v) => ['invite supervisor', ...(v.regions ?? []).map(quote)].join(' '),
};
