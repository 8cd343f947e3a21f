import { describe, expect, it } from 'vitest';
import { seedOrders, type OmsOrder } from '../../services/api/src/testing/api.fixture.ts';
import { startWholeSystem, waitForRunEnd } from './support/system.ts';

const KEYS = { one: 'key-one-0001', two: 'key-two-0002', three: 'key-three-0003' };

/** shop-001: every order ends well; shop-002: permanent refusals; shop-003: a wrong key (401). */
const SHOP_001: OmsOrder[] = [
  ...Array.from({ length: 10 }, (_, i) => ({
    orderNumber: String(10000001 + i),
    trackingNumber: `1234-5678-${9000 + i}`,
    shippedOn: '2026-11-27',
  })),
  { orderNumber: '10000011', trackingNumber: null },
  { orderNumber: '10000012', trackingNumber: '' },
  { orderNumber: '10000013', carrier: null, trackingNumber: null },
];
const SHOP_002: OmsOrder[] = [
  { orderNumber: '20000001', carrier: 'ペンギン急便' },
  { orderNumber: '20000002' },
  { orderNumber: '20000003' },
];
const SHOP_003: OmsOrder[] = [{ orderNumber: '30000001' }, { orderNumber: '30000002' }];

describe('the whole system', () => {
  it(
    'pushes a manual run to every outcome with two workers, then skips everything unchanged',
    { timeout: 240_000 },
    async () => {
      await using system = await startWholeSystem({
        workers: 2,
        sandbox: {
          lenient: false,
          shops: [
            { shopId: 'ss-one', authKey: KEYS.one },
            { shopId: 'ss-two', authKey: KEYS.two },
            { shopId: 'ss-three', authKey: KEYS.three },
          ],
          orders: [
            ...SHOP_001.map((order) => ({ shopId: 'ss-one', orderNumber: order.orderNumber })),
            { shopId: 'ss-two', orderNumber: '20000001' },
            { shopId: 'ss-two', orderNumber: '20000003', cancelled: true },
            ...SHOP_003.map((order) => ({ shopId: 'ss-three', orderNumber: order.orderNumber })),
          ],
        },
      });
      const { api, sandbox } = system;
      const pool = api.db.pool;
      for (const shopId of ['shop-001', 'shop-002', 'shop-003']) {
        await pool.query('INSERT INTO shops (id, name) VALUES ($1, $2)', [shopId, `テスト ${shopId}`]);
      }
      const ids = new Map<string, number>();
      for (const [shopId, orders] of [
        ['shop-001', SHOP_001],
        ['shop-002', SHOP_002],
        ['shop-003', SHOP_003],
      ] as const) {
        const orderIds = await seedOrders(pool, shopId, orders);
        orders.forEach((order, index) => ids.set(order.orderNumber, orderIds[index] ?? 0));
      }
      // Not eligible: another mall, a new order.
      await seedOrders(pool, 'shop-001', [
        { orderNumber: 'R-1', mall: 'rakuten' },
        { orderNumber: '10000099', status: 'new' },
      ]);

      // The settings screen, through the API; shop-003 has a wrong key.
      const settings = [
        ['shop-001', 'ss-one', KEYS.one],
        ['shop-002', 'ss-two', KEYS.two],
        ['shop-003', 'ss-three', 'not-the-key'],
      ] as const;
      for (const [shopId, shopserveShopId, authKey] of settings) {
        const saved = await api.call('PUT', `/v1/shops/${shopId}/shopserve-settings`, {
          body: { shopserveShopId, authKey, orderApiEnabled: true, autoExport: false },
        });
        expect(saved.status).toBe(200);
        expect(saved.text).not.toContain(authKey);
      }

      const trigger = await api.call('POST', '/v1/exports', { body: {} });
      expect(trigger.status).toBe(202);
      const run = await waitForRunEnd(api, trigger.json.runId as string);
      expect(run).toMatchObject({
        runId: trigger.json.runId,
        trigger: 'manual',
        state: 'completed',
        counts: {
          eligible: 18,
          enqueued: 18,
          skippedUnchanged: 0,
          updated: 10,
          trackingNumberMissing: 3,
          failed: 5,
          pending: 0,
        },
      });

      const sync = async (orderNumber: string): Promise<unknown> =>
        (await api.call('GET', `/v1/orders/${ids.get(orderNumber) ?? 0}/sync`)).json as unknown;
      expect(await sync('10000001')).toMatchObject({
        outcome: 'updated',
        sent: {
          slipNumber: '1234-5678-9000',
          shippingStatus: 'Shipped',
          deliveryCompanyCode: 'YAMATO',
          scheduledShipDate: '2026-11-27',
        },
      });
      const shipped = await fetch(`${sandbox.url}/_sandbox/orders/ss-one/10000001`);
      expect(await shipped.json()).toMatchObject({ slipNumber: '1234-5678-9000', shippingStatus: 'Shipped' });
      for (const orderNumber of ['10000011', '10000012', '10000013']) {
        expect(await sync(orderNumber)).toMatchObject({ outcome: 'tracking_number_missing', reason: null });
      }
      expect(await sync('20000001')).toMatchObject({
        outcome: 'failed',
        reason: 'unknown_carrier',
        error: expect.stringContaining('ペンギン急便'),
      });
      expect(await sync('20000002')).toMatchObject({ outcome: 'failed', reason: 'order_not_found' });
      expect(await sync('20000003')).toMatchObject({ outcome: 'failed', reason: 'order_cancelled' });
      for (const orderNumber of ['30000001', '30000002']) {
        const last = await sync(orderNumber);
        expect(last).toMatchObject({ outcome: 'failed', reason: 'unauthorized' });
        expect(JSON.stringify(last)).not.toContain('not-the-key');
      }
      const shop3 = await api.call('GET', '/v1/shops/shop-003/shopserve-settings');
      expect(shop3.json.lastAuthError).toMatchObject({ reason: 'unauthorized' });
      expect(shop3.text).not.toContain('not-the-key');

      // Nothing of shop-001 changed: its second run enqueues nothing.
      const again = await api.call('POST', '/v1/exports', { body: { shopIds: ['shop-001'] } });
      expect(again.status).toBe(202);
      const second = await waitForRunEnd(api, again.json.runId as string);
      expect(second).toMatchObject({
        state: 'completed',
        counts: {
          eligible: 13,
          enqueued: 0,
          skippedUnchanged: 13,
          updated: 0,
          trackingNumberMissing: 0,
          failed: 0,
          pending: 0,
        },
      });

      const metrics = await api.call('GET', '/metrics', { token: null });
      expect(metrics.text).toContain('shopserve_sync_push_outcomes{outcome="updated",reason=""} 10');
      expect(metrics.text).toContain('shopserve_sync_push_outcomes{outcome="failed",reason="unauthorized"} 2');

      const exitCodes = await Promise.all(system.workers.map((worker) => worker.stop()));
      expect(exitCodes).toEqual([0, 0]);
    },
  );
});
