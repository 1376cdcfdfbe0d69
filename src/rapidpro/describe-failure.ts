// RapidPro's refusals and failures in words: which locale key says what happened and what to do.
// People see a sentence, never RapidPro's JSON, and a RapidPro outage is never passed off as the
// bot being broken.
import { HTTPError, TimeoutError } from 'ky';
import { RapidProBusyError, RapidProHttpError, RapidProSchemaError } from './errors.ts';
import type { TranslationKey, Translate } from '../core/i18n.ts';

export interface FailureWords {
  key: TranslationKey;
  params: Record<string, string | number>;
}

/** RapidPro's own wording of a refusal we can say better (keys under errors.rapidproReason). */
const KNOWN_REFUSALS: [RegExp, 'urnInUse' | 'badUrn' | 'gone' | 'contactInactive'][] = [
  [/URN is in use by another contact/i, 'urnInUse'],
  [/invalid URN|not a valid (phone|URN)|invalid phone/i, 'badUrn'],
  [/No such object/i, 'gone'],
  [/Contact cannot be modified|archived|blocked|stopped/i, 'contactInactive'],
];

/** What a RapidPro failure means for the person who asked, or null when it is not RapidPro's. */
export function describeRapidProFailure(error: unknown, t: Translate): FailureWords | null {
  if (error instanceof RapidProHttpError) {
    if (error.status === 401 || error.status === 403)
      return { key: 'errors.rapidproToken', params: { status: String(error.status) } };
    if (error.status === 429)
      return { key: 'errors.rapidproThrottled', params: { seconds: Math.ceil(error.retryAfterSeconds ?? 60) } };
    if (error.isRejection) return { key: 'errors.rapidproRefused', params: { reason: sayRefusal(t, error) } };
    return { key: 'errors.rapidproDown', params: { detail: `HTTP ${error.status}` } };
  }
  if (error instanceof RapidProBusyError)
    return { key: 'errors.rapidproThrottled', params: { seconds: Math.ceil(error.seconds) } };
  if (error instanceof RapidProSchemaError)
    return { key: 'errors.rapidproGarbled', params: { endpoint: error.endpoint } };
  if (error instanceof TimeoutError) return { key: 'errors.rapidproDown', params: { detail: 'timeout' } };
  if (error instanceof HTTPError)
    return { key: 'errors.rapidproDown', params: { detail: `HTTP ${error.response.status}` } };
  if (isNetworkFailure(error)) return { key: 'errors.rapidproDown', params: { detail: networkCode(error) } };
  return null;
}

/** Why RapidPro refused a request, as a translated phrase (its own words when we know no better). */
export function sayRefusal(t: Translate, error: RapidProHttpError): string {
  const reasons = refusalReasons(error.body);
  for (const [pattern, key] of KNOWN_REFUSALS)
    if (reasons.some((r) => pattern.test(r))) return t(`common:errors.rapidproReason.${key}`);
  return t('common:errors.rapidproReason.other', { reasons: reasons.join(' ') || `HTTP ${error.status}` });
}

/** The messages of a 400 body (`{"field": ["msg"]}`, nested per item, or `non_field_errors`). */
export function refusalReasons(body: unknown): string[] {
  if (typeof body === 'string') return [body];
  if (Array.isArray(body)) return body.flatMap(refusalReasons);
  if (body && typeof body === 'object') return Object.values(body).flatMap(refusalReasons);
  return [];
}

/**
 * fetch reports a dropped or refused connection as a TypeError whose cause has the code. Only
 * that shape is RapidPro's: the database driver's errors carry the same codes on a plain Error,
 * and those are the database's outage, not RapidPro's.
 */
function isNetworkFailure(error: unknown): error is Error {
  if (!(error instanceof TypeError)) return false;
  return (
    /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR/.test(networkCode(error)) ||
    /fetch failed|terminated|other side closed/i.test(error.message)
  );
}

function networkCode(error: Error): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return typeof code === 'string' ? code : error.message;
}
