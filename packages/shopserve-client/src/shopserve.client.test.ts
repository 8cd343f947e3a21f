import { startSandbox, type RunningSandbox, type SandboxSettingsInput } from '@shopserve-sync/shopserve-sandbox';
import { describe, expect, it } from 'vitest';
import type { ReadResult, PushResult } from './push-result.ts';
import { sendJson, startScriptedServer } from './scripted-server.ts';
import { createShopServeClient, type ShopServeClient } from './shopserve.client.ts';
import type { ShopServeCredentials } from './shopserve-credentials.ts';
import type { ShippingUpdate } from './shipping-update.ts';

const AUTH_KEY = 'mgr-KEY-7f3a9c21e5';
const shop: ShopServeCredentials = { shopserveShopId: 'shop1', authKey: AUTH_KEY };
const FULL: ShippingUpdate = {
  shippingStatus: 'Shipped',
  deliveryCompanyCode: 'YAMATO',
  slipNumber: '1234-5678-9012',
  scheduledShipDate: '2026-11-28',
};

const SETTINGS: SandboxSettingsInput = {
  lenient: false,
  shops: [
    { shopId: 'shop1', authKey: AUTH_KEY, contracted: true },
    { shopId: 'shop-uncontracted', authKey: 'key-uncontracted-91b2', contracted: false },
  ],
  orders: [
    { shopId: 'shop1', orderNumber: '10000001' },
    { shopId: 'shop1', orderNumber: '10000002', cancelled: true },
    { shopId: 'shop1', orderNumber: 'A/B #1' },
    { shopId: 'shop-uncontracted', orderNumber: '10000001' },
  ],
};

/** Every secret form the key could take on the wire. */
const SECRET_FORMS = [AUTH_KEY, Buffer.from(`shop1:${AUTH_KEY}`).toString('base64')];

function expectNoSecret(result: PushResult | ReadResult, ...more: string[]): void {
  const text = JSON.stringify(result);
  for (const secret of [...SECRET_FORMS, ...more]) expect(text).not.toContain(secret);
}

interface Harness extends AsyncDisposable {
  sandbox: RunningSandbox;
  client: ShopServeClient;
  push(update?: ShippingUpdate, orderNumber?: string, credentials?: ShopServeCredentials): Promise<PushResult>;
  admin(method: 'PATCH' | 'PUT' | 'GET', path: string, body?: unknown): Promise<unknown>;
}

async function harness(settings: SandboxSettingsInput = {}, timeoutMs = 5_000): Promise<Harness> {
  const sandbox = await startSandbox({ ...SETTINGS, ...settings });
  const client = createShopServeClient({ baseUrl: sandbox.url, timeoutMs });
  return {
    sandbox,
    client,
    async push(update = FULL, orderNumber = '10000001', credentials = shop) {
      const result = await client.updateShipping(credentials, orderNumber, update);
      expectNoSecret(result, credentials.authKey);
      return result;
    },
    async admin(method, path, body) {
      const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      expect(response.ok, `${method} ${path}`).toBe(true);
      return response.json();
    },
    async [Symbol.asyncDispose]() {
      await client.close();
      await sandbox.close();
    },
  };
}

describe('ShopServe client against the sandbox', () => {
  it('updates an order and answers with its shipping state', async () => {
    await using h = await harness();
    const result = await h.push(FULL);
    expect(result).toEqual({
      outcome: 'updated',
      order: expect.objectContaining({
        orderNumber: '10000001',
        orderStatus: 'Active',
        shippingStatus: 'Shipped',
        deliveryCompanyCode: 'YAMATO',
        slipNumber: '1234-5678-9012',
        scheduledShipDate: '2026-11-28',
      }) as unknown,
    });
    const journal = (await h.admin('GET', '/requests?orderNumber=10000001')) as {
      requests: { method: string; body: unknown }[];
    };
    expect(journal.requests).toEqual([expect.objectContaining({ method: 'PATCH', body: FULL })]);

    expect(await h.client.getOrder(shop, '10000001')).toEqual({
      outcome: 'found',
      order: expect.objectContaining({ shippingStatus: 'Shipped', slipNumber: '1234-5678-9012' }) as unknown,
    });
  });

  it('puts the order number into the path URL-encoded', async () => {
    await using h = await harness();
    expect(await h.push(FULL, 'A/B #1')).toMatchObject({ outcome: 'updated', order: { orderNumber: 'A/B #1' } });
  });

  it('ends as tracking_number_missing when ShopServe asks for a slip number', async () => {
    await using h = await harness();
    const result = await h.push({ deliveryCompanyCode: 'SAGAWA', scheduledShipDate: '2026-11-28' });
    expect(result).toEqual({
      outcome: 'tracking_number_missing',
      message: expect.stringContaining('SLIP_NUMBER_REQUIRED') as string,
    });
  });

  it.each([
    [
      'invalid_data',
      'DELIVERY_COMPANY_REQUIRED',
      400,
      { shippingStatus: 'Shipped', slipNumber: '123' },
      '10000001',
      shop,
    ],
    ['order_not_found', 'ORDER_NOT_FOUND', 404, FULL, '99999999', shop],
    ['order_cancelled', 'ORDER_CANCELLED', 409, FULL, '10000002', shop],
    ['unauthorized', 'UNAUTHORIZED', 401, FULL, '10000001', { shopserveShopId: 'shop1', authKey: 'wrong-key-5d1e' }],
    ['unauthorized', 'UNAUTHORIZED', 401, FULL, '10000001', { shopserveShopId: 'nobody', authKey: 'some-key-88a0' }],
    [
      'api_not_contracted',
      'API_NOT_CONTRACTED',
      403,
      FULL,
      '10000001',
      { shopserveShopId: 'shop-uncontracted', authKey: 'key-uncontracted-91b2' },
    ],
  ] as const)('fails permanently as %s on %s', async (reason, code, status, update, orderNumber, credentials) => {
    await using h = await harness();
    const result = await h.push(update, orderNumber, credentials);
    expect(result).toMatchObject({ outcome: 'permanent', reason, status, code });
    expect('message' in result && result.message).toContain(code);
  });

  it('refuses an update off the contract without calling ShopServe', async () => {
    await using h = await harness();
    const bad = { slipNumber: '１２３４' } as ShippingUpdate;
    expect(await h.push(bad)).toMatchObject({ outcome: 'permanent', reason: 'invalid_data' });
    expect(await h.push({})).toMatchObject({ outcome: 'permanent', reason: 'invalid_data' });
    expect(await h.push(FULL, '')).toMatchObject({ outcome: 'permanent', reason: 'invalid_data' });
    expect(await h.admin('GET', '/requests')).toEqual({ requests: [] });
  });

  it('reports a server error as transient, spending an attempt', async () => {
    await using h = await harness({ faults: { error500Rate: 1 } });
    expect(await h.push()).toMatchObject({
      outcome: 'transient',
      reason: 'server_error',
      status: 500,
      code: 'INTERNAL_ERROR',
      spendsAttempt: true,
    });
  });

  it('reports an overload 503 without Retry-After as unavailable, spending an attempt', async () => {
    await using h = await harness({ faults: { error503Rate: 1 } });
    const result = await h.push();
    expect(result).toMatchObject({ outcome: 'transient', reason: 'unavailable', status: 503, spendsAttempt: true });
    expect(result).not.toHaveProperty('retryAfterMs');
  });

  it('gives up on a call that never answers at the deadline, as a timeout', async () => {
    await using h = await harness({ faults: { hangRate: 1 } }, 300);
    expect(await h.push()).toMatchObject({ outcome: 'transient', reason: 'timeout', spendsAttempt: true });
  });

  it('reports a dropped connection as a network failure', async () => {
    await using h = await harness({ faults: { dropRate: 1 } });
    expect(await h.push()).toMatchObject({ outcome: 'transient', reason: 'network', spendsAttempt: true });
  });

  it('waits out the rate limit for Retry-After without spending an attempt', async () => {
    await using h = await harness({ rateLimit: { perSecond: 0.1, burst: 1 } });
    expect(await h.push()).toMatchObject({ outcome: 'updated' });
    const limited = await h.push();
    expect(limited).toMatchObject({ outcome: 'transient', reason: 'rate_limited', status: 429, spendsAttempt: false });
    expect(limited.outcome === 'transient' && limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it("waits out ShopServe's monthly maintenance until its end without spending an attempt", async () => {
    await using h = await harness({ maintenance: { mode: 'schedule' } });
    // 18 November 2026 is the third Wednesday; its window runs 02:00-08:00 JST.
    await h.admin('PUT', '/clock', { now: '2026-11-18T03:00:00+09:00' });
    const result = await h.push();
    expect(result).toMatchObject({
      outcome: 'transient',
      reason: 'maintenance',
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      spendsAttempt: false,
    });
    const fiveHours = 5 * 60 * 60 * 1000;
    expect(result.outcome === 'transient' && result.retryAfterMs).toBeGreaterThan(fiveHours - 60_000);
    expect(result.outcome === 'transient' && result.retryAfterMs).toBeLessThanOrEqual(fiveHours);

    await h.admin('PUT', '/clock', { now: '2026-11-18T08:00:01+09:00' });
    expect(await h.push()).toMatchObject({ outcome: 'updated' });
  });

  it('reads an order, or says why not', async () => {
    await using h = await harness();
    expect(await h.client.getOrder(shop, '10000001')).toMatchObject({
      outcome: 'found',
      order: { orderNumber: '10000001', shippingStatus: 'Unshipped' },
    });
    expect(await h.client.getOrder(shop, '99999999')).toMatchObject({
      outcome: 'permanent',
      reason: 'order_not_found',
    });
    const refused = await h.client.getOrder({ shopserveShopId: 'shop1', authKey: 'nope-4c2d' }, '10000001');
    expect(refused).toMatchObject({ outcome: 'permanent', reason: 'unauthorized', status: 401 });
    expectNoSecret(refused, 'nope-4c2d');
  });
});

describe('ShopServe client against answers off the contract', () => {
  function clientFor(url: string, timeoutMs = 5_000) {
    const client = createShopServeClient({ baseUrl: url, timeoutMs });
    return Object.assign(client, { [Symbol.asyncDispose]: () => client.close() });
  }

  it('sends JSON with Basic auth to the path under the base URL', async () => {
    await using server = await startScriptedServer((_request, response) => {
      sendJson(response, 200, {
        orderNumber: '1',
        orderStatus: 'Active',
        shippingStatus: 'Shipped',
        updatedAt: '2026-11-28T10:00:00+09:00',
      });
    });
    await using client = clientFor(`${server.url}/api/`);
    expect(await client.updateShipping(shop, '1', FULL)).toMatchObject({ outcome: 'updated' });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'PATCH', url: '/api/v2/orders/1/shipping' });
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`shop1:${AUTH_KEY}`).toString('base64')}`);
    expect(request?.headers['content-type']).toMatch(/^application\/json/u);
    expect(JSON.parse(request?.body ?? '')).toEqual(FULL);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    await using server = await startScriptedServer((_request, response) => {
      sendJson(response, 429, { error: { code: 'RATE_LIMITED', message: '上限' } }, { 'retry-after': inTwoMinutes });
    });
    await using client = clientFor(server.url);
    const result = await client.updateShipping(shop, '1', FULL);
    expect(result).toMatchObject({ outcome: 'transient', reason: 'rate_limited', spendsAttempt: false });
    expect(result.outcome === 'transient' && result.retryAfterMs).toBeGreaterThan(60_000);
    expect(result.outcome === 'transient' && result.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it.each([
    [
      502,
      'text/html',
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      { outcome: 'transient', reason: 'server_error' },
    ],
    [404, 'text/html', '<html><body>Not Found</body></html>', { outcome: 'permanent', reason: 'rejected' }],
    [
      400,
      'application/json',
      '{"error":{"code":"SOMETHING_NEW","message":"新しい"}}',
      { outcome: 'permanent', reason: 'rejected', code: 'SOMETHING_NEW' },
    ],
    [
      500,
      'application/json',
      '{"error":{"code":"SOMETHING_NEW","message":"新しい"}}',
      { outcome: 'transient', reason: 'server_error' },
    ],
    [
      400,
      'application/json',
      '{"error":{"code":"UNKNOWN_DELIVERY_COMPANY","message":"配送会社"}}',
      { outcome: 'permanent', reason: 'unknown_carrier' },
    ],
    [
      400,
      'application/json',
      '{"error":{"code":"VALIDATION_ERROR","message":"入力"}}',
      { outcome: 'permanent', reason: 'invalid_data' },
    ],
    [200, 'application/json', '{"orderNumber":', { outcome: 'transient', reason: 'bad_response', spendsAttempt: true }],
    [200, 'text/html', '<html>OK</html>', { outcome: 'transient', reason: 'bad_response', spendsAttempt: true }],
  ] as const)('classifies %i %s %j', async (status, contentType, body, expected) => {
    await using server = await startScriptedServer((_request, response) => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(body);
    });
    await using client = clientFor(server.url);
    const result = await client.updateShipping(shop, '1', FULL);
    expect(result).toMatchObject({ ...expected, status });
    expectNoSecret(result);
  });

  it('holds its deadline while the body trickles', async () => {
    await using server = await startScriptedServer((_request, response) => {
      // A byte now and then keeps any idle timeout quiet: only a deadline for the whole call ends it.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"orderNumber":');
      const trickle = setInterval(() => response.write(' '), 50);
      response.on('close', () => {
        clearInterval(trickle);
      });
    });
    await using client = clientFor(server.url, 400);
    expect(await client.updateShipping(shop, '1', FULL)).toMatchObject({ outcome: 'transient', reason: 'timeout' });
  });

  it('reports a refused connection as a network failure', async () => {
    const server = await startScriptedServer(() => undefined);
    const { url } = server;
    await server.close();
    await using client = clientFor(url);
    expect(await client.updateShipping(shop, '1', FULL)).toMatchObject({ outcome: 'transient', reason: 'network' });
  });

  it('never lets the auth key out, even when ShopServe echoes it', async () => {
    await using server = await startScriptedServer((request, response) => {
      sendJson(response, 401, {
        error: { code: 'UNAUTHORIZED', message: `bad key ${AUTH_KEY} in ${request.headers.authorization ?? ''}` },
      });
    });
    await using client = clientFor(server.url);
    const result = await client.updateShipping(shop, '1', FULL);
    expect(result).toMatchObject({ outcome: 'permanent', reason: 'unauthorized' });
    expectNoSecret(result);
    expect('message' in result && result.message).toContain('[redacted]');
  });
});
