import type { Logger } from '@shopserve-sync/logger';
import { Pool, type Dispatcher } from 'undici';
import { classifyErrorAnswer } from './error-classification.ts';
import { FAILURE_SUMMARIES } from './failure-summaries.ts';
import { OrderShipping } from './order-shipping.ts';
import type { CallFailure, PermanentFailure, PushResult, ReadResult, TransientFailure } from './push-result.ts';
import { redactSecrets } from './redact-secrets.ts';
import type { ShopServeCredentials } from './shopserve-credentials.ts';
import { ShippingUpdate } from './shipping-update.ts';
import { classifyTransportError } from './transport-failure.ts';

export interface ShopServeClientOptions {
  /** ShopServe's API root, e.g. `https://management.api.shopserve.jp` (a path prefix is kept). */
  baseUrl: string;
  /**
   * One call's hard deadline in ms, covering connecting, the headers and the whole body.
   * A call still unanswered then ends as a transient `timeout`.
   */
  timeoutMs: number;
  /** Each call is logged at debug level (no credentials). Default: no logging. */
  log?: Logger;
  /** Keep-alive connections to ShopServe at most. Default 50. */
  connections?: number;
}

/**
 * ShopServe's order shipping API. Every method answers with a result, never an exception, for
 * anything ShopServe or the network does; it never retries (that is the caller's job, which
 * knows the attempts left).
 */
export interface ShopServeClient {
  /** `PATCH /v2/orders/{orderNumber}/shipping`. */
  updateShipping(credentials: ShopServeCredentials, orderNumber: string, update: ShippingUpdate): Promise<PushResult>;
  /** `GET /v2/orders/{orderNumber}`. */
  getOrder(credentials: ShopServeCredentials, orderNumber: string): Promise<ReadResult>;
  /** Waits for calls in flight (each ends by its deadline), then closes the connections. */
  close(): Promise<void>;
}

const DEFAULT_CONNECTIONS = 50;
/** An answer longer than this is not one of ShopServe's; it is read no further. */
const MAX_BODY_BYTES = 1024 * 1024;
const ORDER_NUMBER_MAX_LENGTH = 64;

interface Answer {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: string;
}

class BodyTooLargeError extends Error {
  constructor() {
    super(`answer longer than ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

async function readText(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY_BYTES) {
      body.destroy();
      throw new BodyTooLargeError();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function header(headers: Answer['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refusedWithoutCall(reason: PermanentFailure['reason'], message: string): PermanentFailure {
  return { outcome: 'permanent', reason, message };
}

/** Why the call cannot be made at all; `undefined` when it can. */
function checkCall(credentials: ShopServeCredentials, orderNumber: string): PermanentFailure | undefined {
  if (credentials.shopserveShopId === '' || credentials.authKey === '') {
    return refusedWithoutCall('unauthorized', `${FAILURE_SUMMARIES.unauthorized}: the shop ID or auth key is empty`);
  }
  if (credentials.shopserveShopId.includes(':')) {
    return refusedWithoutCall('unauthorized', `${FAILURE_SUMMARIES.unauthorized}: a shop ID cannot contain ':'`);
  }
  if (orderNumber === '' || orderNumber.length > ORDER_NUMBER_MAX_LENGTH) {
    return refusedWithoutCall(
      'invalid_data',
      `The order number "${orderNumber}" is not 1-${ORDER_NUMBER_MAX_LENGTH} characters long`,
    );
  }
  return undefined;
}

function basicAuth(credentials: ShopServeCredentials): string {
  return `Basic ${Buffer.from(`${credentials.shopserveShopId}:${credentials.authKey}`, 'utf8').toString('base64')}`;
}

/** A 2xx answer's order, or the transient `bad_response` it is when the body does not fit. */
function parseOrder(answer: Answer): OrderShipping | TransientFailure {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const parsed = OrderShipping.safeParse(json);
  if (parsed.success) return parsed.data;
  return {
    outcome: 'transient',
    reason: 'bad_response',
    status: answer.status,
    message: `${FAILURE_SUMMARIES.bad_response} (ShopServe: ${answer.status} without the order's shipping state in the body)`,
    spendsAttempt: true,
  };
}

/**
 * A client for ShopServe over one keep-alive connection pool. See {@link ShopServeClient}.
 */
export function createShopServeClient(options: ShopServeClientOptions): ShopServeClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/u, '');
  const { timeoutMs } = options;
  const pool = new Pool(base.origin, {
    connections: options.connections ?? DEFAULT_CONNECTIONS,
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  async function call(
    credentials: ShopServeCredentials,
    method: 'GET' | 'PATCH',
    path: string,
    body: string | undefined,
  ): Promise<Answer | TransientFailure> {
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort(new DOMException(`no complete answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    try {
      const response = await pool.request({
        path: `${basePath}${path}`,
        method,
        headers: {
          authorization: basicAuth(credentials),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        },
        body: body ?? null,
        signal: deadline.signal,
      });
      const text = await readText(response.body);
      return { status: response.statusCode, headers: response.headers, body: text };
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return {
          outcome: 'transient',
          reason: 'bad_response',
          message: `${FAILURE_SUMMARIES.bad_response} (${error.message})`,
          spendsAttempt: true,
        };
      }
      return classifyTransportError(error, { timedOut: deadline.signal.aborted, timeoutMs });
    } finally {
      clearTimeout(timer);
    }
  }

  function failureOf(answer: Answer): CallFailure {
    return classifyErrorAnswer({
      status: answer.status,
      retryAfter: answer.headers['retry-after'],
      contentType: header(answer.headers, 'content-type'),
      body: answer.body,
      nowMs: Date.now(),
    });
  }

  /** The last word on secrets: whatever ShopServe or the network echoed, the key does not leave. */
  function scrub<T extends PushResult | ReadResult>(result: T, credentials: ShopServeCredentials): T {
    if (!('message' in result)) return result;
    const secrets = [credentials.authKey, basicAuth(credentials), basicAuth(credentials).slice('Basic '.length)];
    return { ...result, message: redactSecrets(result.message, secrets) };
  }

  function logCall(
    credentials: ShopServeCredentials,
    method: string,
    orderNumber: string,
    result: PushResult | ReadResult,
    startedAt: number,
  ): void {
    options.log?.debug(
      {
        shopserveShopId: credentials.shopserveShopId,
        orderNumber,
        method,
        outcome: result.outcome,
        ...('reason' in result ? { reason: result.reason, status: result.status } : {}),
        durationMs: Math.round(performance.now() - startedAt),
      },
      'shopserve call',
    );
  }

  const orderPath = (orderNumber: string) => `/v2/orders/${encodeURIComponent(orderNumber)}`;

  return {
    async updateShipping(credentials, orderNumber, update) {
      const startedAt = performance.now();
      const refused = checkCall(credentials, orderNumber);
      const checked = ShippingUpdate.safeParse(update);
      let result: PushResult;
      if (refused) {
        result = refused;
      } else if (!checked.success) {
        result = refusedWithoutCall(
          'invalid_data',
          `The update cannot be sent: ${checked.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`,
        );
      } else {
        const answer = await call(
          credentials,
          'PATCH',
          `${orderPath(orderNumber)}/shipping`,
          JSON.stringify(checked.data),
        );
        if ('outcome' in answer) {
          result = answer;
        } else if (answer.status >= 200 && answer.status < 300) {
          const order = parseOrder(answer);
          result = 'outcome' in order ? order : { outcome: 'updated', order };
        } else {
          result = failureOf(answer);
        }
      }
      result = scrub(result, credentials);
      logCall(credentials, 'PATCH', orderNumber, result, startedAt);
      return result;
    },

    async getOrder(credentials, orderNumber) {
      const startedAt = performance.now();
      const refused = checkCall(credentials, orderNumber);
      let result: ReadResult;
      if (refused) {
        result = refused;
      } else {
        const answer = await call(credentials, 'GET', orderPath(orderNumber), undefined);
        if ('outcome' in answer) {
          result = answer;
        } else if (answer.status >= 200 && answer.status < 300) {
          const order = parseOrder(answer);
          result = 'outcome' in order ? order : { outcome: 'found', order };
        } else {
          const failure = failureOf(answer);
          // Only a PATCH can lack a slip number; on a read that code is off the contract.
          result =
            failure.outcome === 'tracking_number_missing'
              ? { outcome: 'permanent', reason: 'rejected', status: answer.status, message: failure.message }
              : failure;
        }
      }
      result = scrub(result, credentials);
      logCall(credentials, 'GET', orderNumber, result, startedAt);
      return result;
    },

    async close() {
      await pool.close();
    },
  };
}
