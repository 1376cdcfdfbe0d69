// A RapidPro run → the response and answers it stands for (pure).
import { parseDecimal } from '../../domain/categorise-number.ts';
import { toResponseStatus } from '../../domain/run-status.ts';
import type { ResponseStatus } from '../../db/schema/polls.ts';
import type { RapidProRun } from '../schemas.ts';

export interface AnswerRow {
  questionId: number;
  value: string | null;
  valueNumber: string | null;
  category: string | null;
  submittedOn: Date | null;
}

export interface ResponseRow {
  runUuid: string;
  contactUuid: string;
  status: ResponseStatus;
  createdOn: Date;
  updatedOn: Date;
  answers: AnswerRow[];
}

/** Maps a run; values whose key is not one of the poll's questions are ignored. */
export function toResponse(run: RapidProRun, questionIdByKey: ReadonlyMap<string, number>): ResponseRow {
  const answers: AnswerRow[] = [];
  for (const [key, value] of Object.entries(run.values)) {
    const questionId = questionIdByKey.get(key);
    if (questionId === undefined) continue;
    const number = parseDecimal(value.value);
    answers.push({
      questionId,
      value: value.value,
      valueNumber: number === null ? null : String(number),
      category: value.category ?? null,
      submittedOn: value.time,
    });
  }
  return {
    runUuid: run.uuid,
    contactUuid: run.contact.uuid,
    status: toResponseStatus({ exitType: run.exit_type ?? null, answered: Object.keys(run.values).length }),
    createdOn: run.created_on,
    updatedOn: run.modified_on,
    answers,
  };
}
