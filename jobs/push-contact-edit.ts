import type { JobDefinition } from './job.ts';
import { pushContactEdit } from '../src/contacts/push-contact-edit.ts';

/** Pushes a contact edit made in chat to RapidPro; retried (with backoff) until accepted or refused. */
export const pushContactEditJob: JobDefinition<'push-contact-edit', { editId: number }> = {
  name: 'push-contact-edit',
  run: (deps, { editId }) => pushContactEdit(deps, editId),
};
