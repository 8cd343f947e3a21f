import { ShopServeErrorBody, ShopServeErrorCode } from './error-body.ts';
import { FAILURE_SUMMARIES } from './failure-summaries.ts';
import type { CallFailure, PermanentReason, TransientReason } from './push-result.ts';
import { parseRetryAfter } from './retry-after.ts';

/** What one error code of the contract means for the order. */
export type Classification =
  | { outcome: 'tracking_number_missing' }
  | { outcome: 'permanent'; reason: PermanentReason }
  | {
      outcome: 'transient';
      reason: TransientReason;
      spendsAttempt: boolean;
      /** Used instead when the answer carries a `Retry-After` ShopServe asked us to honour. */
      withRetryAfter?: { reason: TransientReason; spendsAttempt: boolean };
    };

/**
 * Every error code of the contract, classified. A code added to the contract does not compile
 * until it is listed here.
 */
export const ERROR_CODE_CLASSIFICATION: Readonly<Record<ShopServeErrorCode, Classification>> = {
  VALIDATION_ERROR: { outcome: 'permanent', reason: 'invalid_data' },
  SLIP_NUMBER_REQUIRED: { outcome: 'tracking_number_missing' },
  DELIVERY_COMPANY_REQUIRED: { outcome: 'permanent', reason: 'invalid_data' },
  UNKNOWN_DELIVERY_COMPANY: { outcome: 'permanent', reason: 'unknown_carrier' },
  UNAUTHORIZED: { outcome: 'permanent', reason: 'unauthorized' },
  API_NOT_CONTRACTED: { outcome: 'permanent', reason: 'api_not_contracted' },
  ORDER_NOT_FOUND: { outcome: 'permanent', reason: 'order_not_found' },
  ORDER_CANCELLED: { outcome: 'permanent', reason: 'order_cancelled' },
  RATE_LIMITED: { outcome: 'transient', reason: 'rate_limited', spendsAttempt: false },
  INTERNAL_ERROR: { outcome: 'transient', reason: 'server_error', spendsAttempt: true },
  // Planned maintenance announces its end; an overload without one counts as a try.
  SERVICE_UNAVAILABLE: {
    outcome: 'transient',
    reason: 'unavailable',
    spendsAttempt: true,
    withRetryAfter: { reason: 'maintenance', spendsAttempt: false },
  },
};

/** For answers off the contract (an HTML error page, an unknown code): judged by the status alone. */
export function classifyStatus(status: number): Classification {
  if (status === 429) return ERROR_CODE_CLASSIFICATION.RATE_LIMITED;
  if (status === 503) return ERROR_CODE_CLASSIFICATION.SERVICE_UNAVAILABLE;
  if (status >= 500) return { outcome: 'transient', reason: 'server_error', spendsAttempt: true };
  return { outcome: 'permanent', reason: 'rejected' };
}

/** A non-2xx answer as ShopServe sent it. */
export interface ErrorAnswer {
  status: number;
  /** The raw `Retry-After` header, if any. */
  retryAfter?: string | readonly string[] | undefined;
  contentType?: string | undefined;
  body: string;
  /** When the answer came, for `Retry-After` given as a date. */
  nowMs: number;
}

const SNIPPET_LENGTH = 200;

/** The readable start of a page that is not ShopServe's JSON (tags and runs of spaces dropped). */
function snippet(body: string): string {
  const text = body
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/giu, ' ')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}

function parseErrorBody(body: string): ShopServeErrorBody | undefined {
  try {
    const parsed = ShopServeErrorBody.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function describeWait(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined) return '';
  return `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
}

/**
 * Turns a non-2xx answer into the failure it means for the order. The contract's codes decide
 * through {@link ERROR_CODE_CLASSIFICATION}; anything else (a page that is not ShopServe's JSON,
 * a code the contract does not list) is judged by its status: 5xx transient, 4xx permanent.
 */
export function classifyErrorAnswer(answer: ErrorAnswer): CallFailure {
  const errorBody = parseErrorBody(answer.body);
  const knownCode = ShopServeErrorCode.safeParse(errorBody?.error.code);
  const classification = knownCode.success ? ERROR_CODE_CLASSIFICATION[knownCode.data] : classifyStatus(answer.status);
  const retryAfterMs = parseRetryAfter(answer.retryAfter, answer.nowMs);

  let said: string;
  if (errorBody) {
    const details = (errorBody.error.details ?? [])
      .map((detail) => [detail.field, detail.message].filter((part) => part !== undefined).join(': '))
      .filter((text) => text !== '');
    said = `${answer.status} ${errorBody.error.code}: ${errorBody.error.message}${details.length > 0 ? ` [${details.join('; ')}]` : ''}`;
  } else {
    const kind = answer.contentType?.split(';')[0]?.trim() ?? 'no content type';
    const text = snippet(answer.body);
    said = `${answer.status}, not ShopServe's JSON error (${kind})${text === '' ? '' : `: ${text}`}`;
  }
  const code = errorBody?.error.code;

  switch (classification.outcome) {
    case 'tracking_number_missing':
      return {
        outcome: 'tracking_number_missing',
        message: `${FAILURE_SUMMARIES.tracking_number_missing} (ShopServe: ${said})`,
      };
    case 'permanent':
      return {
        outcome: 'permanent',
        reason: classification.reason,
        status: answer.status,
        ...(code === undefined ? {} : { code }),
        message: `${FAILURE_SUMMARIES[classification.reason]} (ShopServe: ${said})`,
      };
    case 'transient': {
      const chosen =
        retryAfterMs !== undefined && classification.withRetryAfter ? classification.withRetryAfter : classification;
      return {
        outcome: 'transient',
        reason: chosen.reason,
        status: answer.status,
        ...(code === undefined ? {} : { code }),
        message: `${FAILURE_SUMMARIES[chosen.reason]}${describeWait(retryAfterMs)} (ShopServe: ${said})`,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        spendsAttempt: chosen.spendsAttempt,
      };
    }
  }
}
