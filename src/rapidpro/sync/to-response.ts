// A RapidPro run → the response it stands for (pure). Every value is kept by its result key,
// known question or not: answers are derived from these values against the poll's questions
// (in SQL, where the questions are), so a run synced before its flow's questions loses nothing.
import { parseDecimal } from '../../domain/categorise-number.ts';
import { toResponseStatus } from '../../domain/run-status.ts';
import type { ResponseStatus, RunValue } from '../../db/schema/polls.ts';
import type { RapidProRun } from '../schemas.ts';

export interface ResponseRow {
  runUuid: string;
  contactUuid: string;
  status: ResponseStatus;
  createdOn: Date;
  updatedOn: Date;
  values: Record<string, RunValue>;
}

export function toResponse(run: RapidProRun): ResponseRow {
  const values: Record<string, RunValue> = {};
  for (const [key, value] of Object.entries(run.values)) {
    const number = parseDecimal(value.value);
    values[key] = {
      value: value.value,
      number: number === null ? null : String(number),
      category: value.category ?? null,
      time: value.time?.toISOString() ?? null,
    };
  }
  return {
    runUuid: run.uuid,
    contactUuid: run.contact.uuid,
    status: toResponseStatus({ exitType: run.exit_type ?? null, answered: Object.keys(run.values).length }),
    createdOn: run.created_on,
    updatedOn: run.modified_on,
    values,
  };
}

/**
 * Whether `run` replaces `current` as a contact's run in a poll run: a later run (by creation,
 * then uuid) replaces an earlier one, and a run replaces an older copy of itself. A restarted
 * contact's old run keeps changing after the new one began (RapidPro interrupts it), so the time
 * it was modified says nothing about which run is current.
 */
export function isCurrentOver(
  run: Pick<ResponseRow, 'runUuid' | 'createdOn' | 'updatedOn'>,
  current: Pick<ResponseRow, 'runUuid' | 'createdOn' | 'updatedOn'>,
): boolean {
  if (run.runUuid === current.runUuid) return run.updatedOn >= current.updatedOn;
  const byCreation = run.createdOn.getTime() - current.createdOn.getTime();
  return byCreation !== 0 ? byCreation > 0 : run.runUuid > current.runUuid;
}
