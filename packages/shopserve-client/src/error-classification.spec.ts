import { describe, expect, it } from 'vitest';
import { SHOPSERVE_ERROR_CODES } from './error-body.ts';
import { classifyErrorAnswer, ERROR_CODE_CLASSIFICATION, type ErrorAnswer } from './error-classification.ts';
import { PERMANENT_REASON_DESCRIPTIONS } from './permanent-reasons.ts';
import { PermanentReason, PushResult } from './push-result.ts';

const errorBody = (code: string, message = 'メッセージ', details?: { field: string; message: string }[]) =>
  JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } });

const answer = (fields: Partial<ErrorAnswer>): ErrorAnswer => ({
  status: 400,
  body: '',
  nowMs: 0,
  contentType: 'application/json',
  ...fields,
});

describe('ERROR_CODE_CLASSIFICATION', () => {
  it('classifies every code of the contract as the business rules say', () => {
    expect(Object.keys(ERROR_CODE_CLASSIFICATION).sort()).toEqual([...SHOPSERVE_ERROR_CODES].sort());
    expect(ERROR_CODE_CLASSIFICATION).toEqual({
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
      SERVICE_UNAVAILABLE: {
        outcome: 'transient',
        reason: 'unavailable',
        spendsAttempt: true,
        withRetryAfter: { reason: 'maintenance', spendsAttempt: false },
      },
    });
  });

  it('describes every permanent reason for operators', () => {
    for (const reason of PermanentReason.options)
      expect(PERMANENT_REASON_DESCRIPTIONS[reason].length).toBeGreaterThan(20);
  });
});

describe('classifyErrorAnswer', () => {
  it.each([
    [400, 'VALIDATION_ERROR', { outcome: 'permanent', reason: 'invalid_data' }],
    [400, 'DELIVERY_COMPANY_REQUIRED', { outcome: 'permanent', reason: 'invalid_data' }],
    [400, 'UNKNOWN_DELIVERY_COMPANY', { outcome: 'permanent', reason: 'unknown_carrier' }],
    [401, 'UNAUTHORIZED', { outcome: 'permanent', reason: 'unauthorized' }],
    [403, 'API_NOT_CONTRACTED', { outcome: 'permanent', reason: 'api_not_contracted' }],
    [404, 'ORDER_NOT_FOUND', { outcome: 'permanent', reason: 'order_not_found' }],
    [409, 'ORDER_CANCELLED', { outcome: 'permanent', reason: 'order_cancelled' }],
    [500, 'INTERNAL_ERROR', { outcome: 'transient', reason: 'server_error', spendsAttempt: true }],
    [503, 'SERVICE_UNAVAILABLE', { outcome: 'transient', reason: 'unavailable', spendsAttempt: true }],
    [418, 'I_AM_A_TEAPOT', { outcome: 'permanent', reason: 'rejected' }],
    [502, 'GATEWAY_TROUBLE', { outcome: 'transient', reason: 'server_error', spendsAttempt: true }],
  ] as const)('%i %s', (status, code, expected) => {
    const result = classifyErrorAnswer(answer({ status, body: errorBody(code, 'ショップサーブの言葉') }));
    expect(result).toMatchObject({ ...expected, status, code });
    expect(PushResult.parse(result)).toEqual(result);
    expect('message' in result && result.message).toContain('ショップサーブの言葉');
    expect('message' in result && result.message).toContain(code);
  });

  it('reads SLIP_NUMBER_REQUIRED as the expected tracking_number_missing, quoting ShopServe', () => {
    expect(classifyErrorAnswer(answer({ body: errorBody('SLIP_NUMBER_REQUIRED', '伝票番号が必要です') }))).toEqual({
      outcome: 'tracking_number_missing',
      message: expect.stringContaining('伝票番号が必要です') as string,
    });
  });

  it('waits out a 429 without spending an attempt, for as long as Retry-After says', () => {
    expect(
      classifyErrorAnswer(answer({ status: 429, retryAfter: '2', body: errorBody('RATE_LIMITED') })),
    ).toMatchObject({
      outcome: 'transient',
      reason: 'rate_limited',
      retryAfterMs: 2000,
      spendsAttempt: false,
    });
    expect(
      classifyErrorAnswer(answer({ status: 429, body: 'Too Many Requests', contentType: 'text/plain' })),
    ).toMatchObject({
      outcome: 'transient',
      reason: 'rate_limited',
      spendsAttempt: false,
    });
  });

  it('tells planned maintenance (Retry-After) from an outage', () => {
    const maintenance = classifyErrorAnswer(
      answer({ status: 503, retryAfter: '21600', body: errorBody('SERVICE_UNAVAILABLE') }),
    );
    expect(maintenance).toMatchObject({ reason: 'maintenance', retryAfterMs: 21_600_000, spendsAttempt: false });
    const dated = classifyErrorAnswer(
      answer({ status: 503, retryAfter: 'Thu, 01 Jan 1970 00:01:00 GMT', body: errorBody('SERVICE_UNAVAILABLE') }),
    );
    expect(dated).toMatchObject({ reason: 'maintenance', retryAfterMs: 60_000, spendsAttempt: false });
    const outage = classifyErrorAnswer(
      answer({ status: 503, retryAfter: 'garbage', body: errorBody('SERVICE_UNAVAILABLE') }),
    );
    expect(outage).toMatchObject({ reason: 'unavailable', spendsAttempt: true });
    expect(outage).not.toHaveProperty('retryAfterMs');
  });

  it('judges a page that is not ShopServe JSON by its status, quoting its text', () => {
    const page = '<html><head><title>x</title><style>h1{}</style></head><body><h1>502 Bad Gateway</h1></body></html>';
    const gateway = classifyErrorAnswer(answer({ status: 502, contentType: 'text/html', body: page }));
    expect(gateway).toMatchObject({ outcome: 'transient', reason: 'server_error', status: 502, spendsAttempt: true });
    expect(gateway).not.toHaveProperty('code');
    expect('message' in gateway && gateway.message).toContain('502 Bad Gateway');
    expect('message' in gateway && gateway.message).toContain('text/html');
    expect('message' in gateway && gateway.message).not.toContain('<');

    expect(
      classifyErrorAnswer(answer({ status: 404, contentType: 'text/html', body: '<h1>Not Found</h1>' })),
    ).toMatchObject({
      outcome: 'permanent',
      reason: 'rejected',
    });
    expect(classifyErrorAnswer(answer({ status: 400, body: '{"message":"not our shape"}' }))).toMatchObject({
      outcome: 'permanent',
      reason: 'rejected',
    });
    expect(
      classifyErrorAnswer(answer({ status: 503, contentType: 'text/html', body: 'メンテナンス中', retryAfter: '60' })),
    ).toMatchObject({
      outcome: 'transient',
      reason: 'maintenance',
      spendsAttempt: false,
    });
  });

  it('keeps a long page short in the message', () => {
    const result = classifyErrorAnswer(answer({ status: 500, contentType: 'text/html', body: 'x'.repeat(10_000) }));
    expect('message' in result && result.message.length).toBeLessThan(400);
  });

  it("lists ShopServe's validation details", () => {
    const result = classifyErrorAnswer(
      answer({
        body: errorBody('VALIDATION_ERROR', '入力エラー', [{ field: 'slipNumber', message: '形式が正しくありません' }]),
      }),
    );
    expect('message' in result && result.message).toContain('slipNumber: 形式が正しくありません');
  });
});
