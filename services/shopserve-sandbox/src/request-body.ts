import { apiError, type ApiError } from './shopserve-contract.ts';

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: ApiError };

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function invalid(message: string): ParsedBody {
  return {
    ok: false,
    error: apiError('VALIDATION_ERROR', '入力内容に誤りがあります', { details: [{ field: 'body', message }] }),
  };
}

/**
 * A request body as the API reads it: JSON in UTF-8, declared as `application/json`. Anything
 * else is a validation error (the contract has no 415), so that rule 1 covers it.
 */
export function parseJsonBody(raw: string | undefined, contentType: string | undefined): ParsedBody {
  if (raw === undefined || raw.trim() === '') return invalid('a JSON body is required');
  if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType)) {
    return invalid('Content-Type must be application/json');
  }
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return invalid('not valid JSON');
  }
}
