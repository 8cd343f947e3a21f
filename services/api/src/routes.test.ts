import { describe, expect, it } from 'vitest';
import { recordAuthFailure, recordPushOutcome } from '@shopserve-sync/db';
import { queueFootprint, seedOrders, seedShop, startTestApi, stateFootprint } from './testing/api.fixture.ts';

const RUN_SHAPE = {
  runId: expect.any(String),
  trigger: 'manual',
  state: expect.stringMatching(/^(queued|running|completed|failed)$/),
  window: { updatedFrom: expect.any(String), updatedTo: expect.any(String) },
  counts: {
    eligible: expect.any(Number),
    enqueued: expect.any(Number),
    skippedUnchanged: expect.any(Number),
    updated: expect.any(Number),
    trackingNumberMissing: expect.any(Number),
    failed: expect.any(Number),
    pending: expect.any(Number),
  },
};

describe('POST /v1/exports', () => {
  it('queues a run (202), shows it, and lists runs latest first', async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });

    const first = await api.call('POST', '/v1/exports', {
      body: { shopIds: ['shop-001'], updatedFrom: '2026-03-01', updatedTo: '2026-03-02' },
    });
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const second = await api.call('POST', '/v1/exports');
    expect(second.status).toBe(202);

    const run = await api.call('GET', `/v1/exports/${first.json.runId as string}`);
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ ...RUN_SHAPE, runId: first.json.runId, state: 'queued', shopIds: ['shop-001'] });
    expect(run.json.window).toEqual({ updatedFrom: '2026-02-28T15:00:00.000Z', updatedTo: '2026-03-02T14:59:59.999Z' });

    const job = await api.serviceQueues.exportRuns.getJob(`run-${first.json.runId as string}`);
    expect(job?.data).toEqual({ trigger: 'manual', runId: first.json.runId });

    const list = await api.call('GET', '/v1/exports');
    expect(list.status).toBe(200);
    expect((list.json.runs as { runId: string }[]).map((r) => r.runId)).toEqual([second.json.runId, first.json.runId]);
    for (const listed of list.json.runs) expect(listed).toMatchObject(RUN_SHAPE);
    const limited = await api.call('GET', '/v1/exports?limit=1');
    expect((limited.json.runs as { runId: string }[]).map((r) => r.runId)).toEqual([second.json.runId]);
  });

  it('lists every eligible order on a dry run (200) and enqueues nothing', async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });
    await seedOrders(api.db.pool, 'shop-001', [
      { orderNumber: '10000001', shippedOn: '2026-11-27' },
      { orderNumber: '10000002', carrier: 'ペンギン急便' },
      { orderNumber: '10000003', carrier: null, trackingNumber: null },
      { orderNumber: '10000004', status: 'new' },
      { orderNumber: '10000005', mall: 'rakuten' },
    ]);
    const queuesBefore = await queueFootprint(api.serviceQueues);
    const stateBefore = await stateFootprint(api.db.pool);

    const response = await api.call('POST', '/v1/exports', { body: { dryRun: true } });

    expect(response.status).toBe(200);
    expect(response.json.count).toBe(3);
    const byNumber = new Map(
      (response.json.orders as { orderNumber: string }[]).map((order) => [order.orderNumber, order]),
    );
    expect(byNumber.get('10000001')).toMatchObject({
      shopId: 'shop-001',
      orderId: expect.any(Number),
      update: {
        slipNumber: '1234-5678-9012',
        shippingStatus: 'Shipped',
        deliveryCompanyCode: 'YAMATO',
        scheduledShipDate: '2026-11-27',
      },
    });
    expect(byNumber.get('10000002')).toMatchObject({ update: null, outcome: 'unknown_carrier' });
    expect(byNumber.get('10000003')).toMatchObject({ update: null, outcome: 'tracking_number_missing' });
    expect(await queueFootprint(api.serviceQueues)).toEqual(queuesBefore);
    expect(await stateFootprint(api.db.pool)).toEqual(stateBefore);
  });

  it('answers 404 for a shop the OMS does not know and 409 for one without the API option; nothing is recorded', async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });
    await seedShop(api.db.pool, 'shop-off', { orderApiEnabled: false });
    await seedShop(api.db.pool, 'shop-bare', null);
    const before = await stateFootprint(api.db.pool);

    const unknown = await api.call('POST', '/v1/exports', { body: { shopIds: ['shop-001', 'shop-999'] } });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'shop_not_found', message: expect.stringContaining('shop-999') });

    for (const shopId of ['shop-off', 'shop-bare']) {
      const off = await api.call('POST', '/v1/exports', { body: { shopIds: [shopId] } });
      expect(off.status).toBe(409);
      expect(off.json).toEqual({ error: 'api_option_off', message: expect.stringContaining(shopId) });
      const dry = await api.call('POST', '/v1/exports', { body: { shopIds: [shopId], dryRun: true } });
      expect(dry.status).toBe(409);
    }
    expect(await stateFootprint(api.db.pool)).toEqual(before);
    expect((await api.serviceQueues.exportRuns.getJobCounts('waiting')).waiting).toBe(0);
  });
});

describe('GET /v1/exports/{runId}', () => {
  it('answers 404 for an unknown run and for an id that is no run id at all', async () => {
    await using api = await startTestApi();
    for (const runId of ['00000000-0000-4000-8000-000000000000', 'not-a-run', '1']) {
      const response = await api.call('GET', `/v1/exports/${runId}`);
      expect(response.status, runId).toBe(404);
      expect(response.json.error).toBe('not_found');
    }
  });
});

describe('orders', () => {
  it('pushes one order now (202 with the job id); the job carries no credential', async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true, authKey: 'secret-auth-key-1' });
    const [orderId] = await seedOrders(api.db.pool, 'shop-001', [{ orderNumber: '10000001' }]);

    const response = await api.call('POST', `/v1/orders/${orderId}/push`);

    expect(response.status).toBe(202);
    expect(response.json).toEqual({ jobId: expect.stringMatching(new RegExp(`^push-${orderId}-`)) });
    const job = await api.serviceQueues.shippingUpdates.getJob(response.json.jobId as string);
    expect(job?.data).toMatchObject({ shopId: 'shop-001', orderId, orderNumber: '10000001' });
    expect(JSON.stringify(job?.data)).not.toContain('secret-auth-key-1');
  });

  it('answers 404 for an unknown order and 409 for another mall or a shop without the API option', async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });
    await seedShop(api.db.pool, 'shop-off', { orderApiEnabled: false });
    const [rakuten] = await seedOrders(api.db.pool, 'shop-001', [{ orderNumber: 'R-1', mall: 'rakuten' }]);
    const [offOrder] = await seedOrders(api.db.pool, 'shop-off', [{ orderNumber: '20000001' }]);
    const before = await queueFootprint(api.serviceQueues);

    const unknown = await api.call('POST', '/v1/orders/987654/push');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('order_not_found');
    const otherMall = await api.call('POST', `/v1/orders/${rakuten}/push`);
    expect(otherMall.status).toBe(409);
    expect(otherMall.json).toMatchObject({ error: 'not_shopserve', message: expect.stringContaining('rakuten') });
    const off = await api.call('POST', `/v1/orders/${offOrder}/push`);
    expect(off.status).toBe(409);
    expect(off.json).toMatchObject({ error: 'api_option_off', message: expect.stringContaining('shop-off') });
    expect(await queueFootprint(api.serviceQueues)).toEqual(before);
  });

  it("shows an order's last push, and says whether a 404 means no order or no push yet", async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });
    const [orderId = 0] = await seedOrders(api.db.pool, 'shop-001', [{ orderNumber: '10000001' }]);

    const unknown = await api.call('GET', '/v1/orders/987654/sync');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({
      error: 'order_not_found',
      message: expect.stringContaining('no order 987654'),
    });
    const never = await api.call('GET', `/v1/orders/${orderId}/sync`);
    expect(never.status).toBe(404);
    expect(never.json).toMatchObject({ error: 'never_pushed', message: expect.stringContaining('not been pushed') });

    const sent = { slipNumber: '1234-5678-9012', shippingStatus: 'Shipped', deliveryCompanyCode: 'YAMATO' };
    await recordPushOutcome(api.db.pool, {
      jobId: `push-${orderId}-g0-aaaaaaaaaaaaaaaa`,
      orderId,
      shopId: 'shop-001',
      orderNumber: '10000001',
      outcome: 'updated',
      sent,
      contentHash: 'aaaaaaaaaaaaaaaa',
      attempts: 2,
    });
    const last = await api.call('GET', `/v1/orders/${orderId}/sync`);
    expect(last.status).toBe(200);
    expect(last.json).toEqual({
      orderId,
      shopId: 'shop-001',
      orderNumber: '10000001',
      outcome: 'updated',
      reason: null,
      error: null,
      sent,
      attempts: 2,
      finishedAt: expect.any(String),
      jobId: `push-${orderId}-g0-aaaaaaaaaaaaaaaa`,
      runId: null,
    });
  });
});

describe('shop settings', () => {
  const path = '/v1/shops/shop-001/shopserve-settings';
  const settings = {
    shopserveShopId: 'sakura-zakka',
    authKey: 'very-secret-key-123',
    orderApiEnabled: true,
    autoExport: true,
  };

  it('saves and reads them back without ever returning the auth key, with the last auth error until saved again', async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', null);

    const none = await api.call('GET', path);
    expect(none.status).toBe(404);
    expect(none.json.error).toBe('settings_not_found');

    const saved = await api.call('PUT', path, { body: settings });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({
      shopId: 'shop-001',
      shopserveShopId: 'sakura-zakka',
      orderApiEnabled: true,
      autoExport: true,
      revision: 1,
      updatedAt: expect.any(String),
      lastAuthError: null,
    });
    expect(saved.text).not.toContain(settings.authKey);

    const read = await api.call('GET', path);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(saved.json);
    expect(read.text).not.toContain(settings.authKey);

    await recordAuthFailure(api.db.pool, 'shop-001', 1, { reason: 'unauthorized', message: 'ShopServe answered 401' });
    const failing = await api.call('GET', path);
    expect(failing.json.lastAuthError).toEqual({
      reason: 'unauthorized',
      message: 'ShopServe answered 401',
      at: expect.any(String),
    });

    const again = await api.call('PUT', path, {
      body: { ...settings, authKey: 'another-secret-456', autoExport: false },
    });
    expect(again.json).toMatchObject({ revision: 2, autoExport: false, lastAuthError: null });
    expect(again.text).not.toContain('another-secret-456');
    const { rows } = await api.db.pool.query('SELECT auth_key FROM shopserve_sync.shop_settings WHERE shop_id = $1', [
      'shop-001',
    ]);
    expect(rows[0].auth_key).toBe('another-secret-456');
  });

  it('answers 404 for a shop the OMS does not know, and saves nothing', async () => {
    await using api = await startTestApi();
    const put = await api.call('PUT', '/v1/shops/shop-999/shopserve-settings', { body: settings });
    expect(put.status).toBe(404);
    expect(put.json).toMatchObject({ error: 'shop_not_found', message: expect.stringContaining('shop-999') });
    const get = await api.call('GET', '/v1/shops/shop-999/shopserve-settings');
    expect(get.status).toBe(404);
    expect(get.json.error).toBe('shop_not_found');
    const { rows } = await api.db.pool.query('SELECT count(*)::int AS n FROM shopserve_sync.shop_settings');
    expect(rows[0].n).toBe(0);
  });
});

describe('other routes', () => {
  it('answers an unknown route with a JSON 404', async () => {
    await using api = await startTestApi();
    const response = await api.call('GET', '/v2/anything');
    expect(response.status).toBe(404);
    expect(response.json.error).toBe('not_found');
  });

  it('answers 429 past the rate limit', async () => {
    await using api = await startTestApi({ api: { rateLimitPerMinute: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api.call('GET', '/v1/exports')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.call('GET', '/v1/exports');
    expect(limited.json.error).toBe('rate_limited');
  });
});
