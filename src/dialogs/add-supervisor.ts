// Adding a supervisor: a chat user (picked from the workspace's people) and their regions.
import { quote, type Dialog } from '../core/dialog.ts';
import { regionOptions } from './offered-options.ts';

export const addSupervisor: Dialog = {
  id: 'supervisor',
  opens: 'supervisor add',
  fields: [
    { id: 'user', kind: 'user' },
    { id: 'regions', kind: 'many', options: regionOptions },
  ],
  toCommand: (v) => ['supervisor add', ...(v.user ?? []).map(quote), ...(v.regions ?? []).map(quote)].join(' '),
  fieldOf: (errorKey) =>
    errorKey === 'errors.supervisorUser' || errorKey === 'errors.alreadyAdmin' ? 'user' : 'regions',
};
