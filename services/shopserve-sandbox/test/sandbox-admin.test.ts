import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.ts';
import { sandboxAdmin, type SandboxAdmin } from './sandbox-admin.client.ts';

const SECRET = 'key-VerySecret-42';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let sandbox: RunningSandbox;
let admin: SandboxAdmin;

beforeEach(async () => {
  sandbox = await startSandbox({
    lenient: false,
    shops: [{ shopId: 'shop1', authKey: SECRET }],
    orders: [{ shopId: 'shop1', orderNumber: '10000001' }],
  });
  admin = sandboxAdmin(sandbox.url);
});
afterEach(async () => {
  await sandbox.close();
});

async function patch(orderNumber: string, body: unknown, authorization = basic('shop1', SECRET)) {
  const response = await fetch(`${sandbox.url}/v2/orders/${orderNumber}/shipping`, {
    method: 'PATCH',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(orderNumber: string, authorization = basic('shop1', SECRET)) {
  const response = await fetch(`${sandbox.url}/v2/orders/${orderNumber}`, { headers: { authorization } });
  return { status: response.status, body: await response.json() };
}

describe('the request journal', () => {
  it('records every call, oldest first, with its answer and never a credential', async () => {
    await patch('10000001', { slipNumber: 'A-1' });
    await get('10000001', basic('shop1', 'wrong'));
    await fetch(`${sandbox.url}/v2/orders/10000001`);
    const { requests } = await admin.requests();
    expect(requests).toMatchObject([
      {
        method: 'PATCH',
        path: '/v2/orders/10000001/shipping',
        shopId: 'shop1',
        orderNumber: '10000001',
        body: { slipNumber: 'A-1' },
        status: 200,
        code: null,
        fault: null,
      },
      { method: 'GET', shopId: 'shop1', body: null, status: 401, code: 'UNAUTHORIZED' },
      { method: 'GET', shopId: null, status: 401, code: 'UNAUTHORIZED' },
    ]);
    expect(Date.parse(requests[0]?.at ?? '')).not.toBeNaN();
    const all = JSON.stringify(requests);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(Buffer.from(`shop1:${SECRET}`).toString('base64'));
  });

  it('filters by shop and order, and is cleared on request', async () => {
    await admin.configure({ lenient: true });
    await get('10000001');
    await get('10000002', basic('shop9', 'any'));
    expect((await admin.requests({ shopId: 'shop9' })).requests.map((r) => r.orderNumber)).toEqual(['10000002']);
    expect((await admin.requests({ orderNumber: '10000001' })).requests.map((r) => r.shopId)).toEqual(['shop1']);
    expect(await admin.clearRequests()).toEqual({ cleared: 2 });
    expect((await admin.requests()).requests).toEqual([]);
  });

  it('records unanswered calls with the fault', async () => {
    await admin.configure({ faults: { dropRate: 1 } });
    await expect(get('10000001')).rejects.toThrow();
    expect((await admin.requests()).requests).toMatchObject([{ status: null, fault: 'drop' }]);
  });

  it('keeps only the latest journalSize calls', async () => {
    await admin.configure({ journalSize: 2 });
    for (const n of ['1', '2', '3']) await get(n);
    expect((await admin.requests()).requests.map((r) => r.orderNumber)).toEqual(['2', '3']);
  });
});

describe('admin routes', () => {
  it('show settings with auth keys hidden', async () => {
    const settings = await admin.settings();
    expect(settings.shops).toEqual([{ shopId: 'shop1', authKey: '***', contracted: true }]);
    expect(JSON.stringify(settings)).not.toContain(SECRET);
  });

  it('merge a settings patch and refuse a wrong one, naming the field, changing nothing', async () => {
    await admin.configure({ faults: { error500Rate: 0.5 } });
    const refused = await admin.send<{ error: { code: string; details: { field: string }[] } }>('PATCH', '/settings', {
      faults: { hangRate: 7 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    expect(refused.body.error.details.map((d) => d.field)).toEqual(['faults.hangRate']);
    expect((await admin.settings()).faults).toEqual({ error500Rate: 0.5, error503Rate: 0, hangRate: 0, dropRate: 0 });
  });

  it('keep shipping state across unrelated settings changes', async () => {
    await patch('10000001', { slipNumber: 'A-1' });
    await admin.configure({ latency: { fixedMs: 0 } });
    expect((await admin.order('shop1', '10000001')).body).toMatchObject({ slipNumber: 'A-1' });
  });

  it("replace shops and orders, resetting the orders' shipping state", async () => {
    await patch('10000001', { slipNumber: 'A-1' });
    await admin.putShops([{ shopId: 'shop2', authKey: 'k2' }]);
    expect((await get('10000001')).status).toBe(401);
    await admin.putShops([{ shopId: 'shop1', authKey: SECRET }]);
    await admin.putOrders([
      { shopId: 'shop1', orderNumber: '10000001' },
      { shopId: 'shop1', orderNumber: '10000005', cancelled: true },
    ]);
    expect((await admin.order('shop1', '10000001')).body).toMatchObject({ slipNumber: null });
    expect((await get('10000005')).body).toMatchObject({ orderStatus: 'Cancelled' });
  });

  it("answer an order's state, or 404 for one never seen", async () => {
    await patch('10000001', { slipNumber: 'A-1', deliveryCompanyCode: 'SAGAWA', shippingStatus: 'Shipped' });
    expect(await admin.order('shop1', '10000001')).toMatchObject({
      status: 200,
      body: { orderNumber: '10000001', shippingStatus: 'Shipped', deliveryCompanyCode: 'SAGAWA', slipNumber: 'A-1' },
    });
    expect((await admin.order('shop1', '404')).status).toBe(404);
  });

  it('set the clock', async () => {
    const clock = await admin.setClock('2026-01-21T03:00:00+09:00');
    expect(Math.abs(Date.parse(clock.now) - Date.parse('2026-01-21T03:00:00+09:00'))).toBeLessThan(60_000);
    expect(sandbox.state.settings.clock.offsetMs).toBe(clock.offsetMs);
    expect((await admin.send('PUT', '/clock', { now: 'yesterday' })).status).toBe(400);
  });

  it('reset to the start-up settings with an empty journal and fresh orders', async () => {
    await admin.configure({ lenient: true, faults: { error503Rate: 1 } });
    await get('10000001');
    await admin.configure({ faults: { error503Rate: 0 } });
    await patch('10000001', { slipNumber: 'A-1' });
    const settings = await admin.reset();
    expect(settings).toMatchObject({ lenient: false, faults: { error503Rate: 0 } });
    expect((await admin.requests()).requests).toEqual([]);
    expect((await admin.stats()).total).toBe(0);
    expect((await admin.order('shop1', '10000001')).body).toMatchObject({ slipNumber: null });
  });

  it('count calls per shop', async () => {
    await admin.configure({ lenient: true });
    await Promise.all([get('1'), get('2'), get('3', basic('shop2', 'x'))]);
    const stats = await admin.stats();
    expect(stats.total).toBe(3);
    expect(Object.keys(stats.perShopMaxPerSecond).sort()).toEqual(['shop1', 'shop2']);
    expect(stats.perShopMaxPerSecond.shop2).toBe(1);
  });
});

describe('lenient mode', () => {
  it("knows any order of any shop with a key, but still checks a listed shop's key", async () => {
    await admin.configure({ lenient: true });
    expect(await get('77777777', basic('demo-shop', 'anything'))).toMatchObject({
      status: 200,
      body: { orderNumber: '77777777', orderStatus: 'Active', shippingStatus: 'Unshipped' },
    });
    expect((await patch('77777777', { slipNumber: 'A-1' }, basic('demo-shop', 'anything'))).status).toBe(200);
    expect((await get('77777777', basic('shop1', 'wrong'))).status).toBe(401);
    expect((await get('77777777', basic('demo-shop', ''))).status).toBe(401);
  });
});

describe('startSandbox', () => {
  it('starts lenient, without limits or faults, and closes even with a call hanging', async () => {
    await using running = await startSandbox({ faults: { hangRate: 1 } });
    expect(running.state.settings).toMatchObject({ lenient: true, rateLimit: null, maintenance: { mode: 'off' } });
    const hanging = fetch(`${running.url}/v2/orders/1`, { headers: { authorization: basic('s', 'k') } }).catch(
      (error: unknown) => error,
    );
    await expect.poll(() => running.state.journal.size).toBe(1);
    await running.close();
    expect(await hanging).toBeInstanceOf(TypeError);
  });
});
