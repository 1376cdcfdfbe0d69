// A confirmed poll start (or message) to `count` new contacts, as the outbox holds it once
// someone pressed "Start now" (or "Send"): what the exactly-once tests, the poll-start chaos test
// and bench/outbox send.
import { createDraftMessage } from '../../src/db/queries/create-draft-message.ts';
import { createRandom, randomUuid } from '../../src/simulator/random.ts';
import type { DemoOrg } from './demo-org.ts';

export async function confirmedStart(
  demo: DemoOrg,
  count: number,
  options: {
    seed: number;
    idempotencyKey: string;
    phonePrefix: string;
    kind?: 'poll_start' | 'broadcast';
    /** A broadcast's text. */
    text?: string;
  },
): Promise<{ messageId: number; uuids: string[]; key: string }> {
  const random = createRandom(options.seed);
  const uuids: string[] = [];
  for (let i = 0; i < count; i++) {
    const contact = demo.simulator.store.addContact({
      uuid: randomUuid(random),
      name: `Cohort ${i}`,
      language: 'eng',
      urns: [`tel:${options.phonePrefix}${String(i).padStart(7, '0')}`],
      groups: [],
      fields: {},
      status: 'active',
      lastSeenOn: null,
    });
    uuids.push(contact.uuid);
  }
  const [admin] = await demo.sql<{ id: number }[]>`select id from chat_identities where external_id = 'admin'`;
  const [poll] = await demo.sql<{ id: number }[]>`select id from polls where name = 'Attendance'`;
  const messageId = await createDraftMessage(demo.db, {
    kind: options.kind ?? 'poll_start',
    orgId: demo.org.id,
    pollId: poll!.id,
    pollRunId: null,
    cohort: 'all',
    text: options.kind === 'broadcast' ? (options.text ?? 'Please answer the Attendance poll today.') : null,
    contactUuids: uuids,
    identityId: admin!.id,
    idempotencyKey: options.idempotencyKey,
  });
  await demo.sql`update outbound_messages set state = 'pending', confirmed_at = now() where id = ${messageId}`;
  const [row] = await demo.sql<{ uuid: string }[]>`select uuid from outbound_messages where id = ${messageId}`;
  // The batch key's prefix: `tracbot:<key>:<seq>`.
  return { messageId, uuids, key: row!.uuid };
}
