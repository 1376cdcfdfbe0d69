// The key a poll start's batch carries to RapidPro in the flow start's params. It names the
// outbox row by its random uuid, so it is unique across deployments, databases and restored
// backups: a workspace shared by two TracBots never mistakes one's batch for the other's. It
// lets a crashed send find its batch in RapidPro, and the runs sync place a run whose start it
// has not recorded yet.
const PREFIX = 'tracbot';

export interface BatchRef {
  messageUuid: string;
  seq: number;
}

export const batchKey = (messageUuid: string, seq: number) => `${PREFIX}:${messageUuid}:${seq}`;

export function parseBatchKey(key: unknown): BatchRef | null {
  if (typeof key !== 'string') return null;
  const match = /^tracbot:([0-9a-f-]{36}):(\d+)$/.exec(key);
  return match ? { messageUuid: match[1]!, seq: Number(match[2]) } : null;
}

/** The name of the flow start param that carries the key. */
export const BATCH_PARAM = 'tracbot_batch';
