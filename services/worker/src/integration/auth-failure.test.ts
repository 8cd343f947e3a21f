import { describe, expect, it } from 'vitest';
import { getShopSettings, saveShopSettings } from '@shopserve-sync/db';
import { startSandbox } from '@shopserve-sync/shopserve-sandbox';
import { isolatedDatabase, isolatedQueues } from '../../../../test/support/isolated.ts';
import {
  captureLog,
  dumpRedis,
  orderNumbers,
  SHIPPED,
  seedOrders,
  seedShop,
  startWorkers,
  waitForOutcomes,
} from './fixture.ts';

const WRONG_KEY = 'wrong-key-7f3a9c';
const RIGHT_KEY = 'right-key-51be02';

describe('a shop whose credentials ShopServe refuses', () => {
  it('makes only a handful of calls however many orders it has, and pushes again once its settings are saved', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({
      shops: [
        { shopId: 'ss-bad', authKey: RIGHT_KEY },
        { shopId: 'ss-nocontract', authKey: RIGHT_KEY, contracted: false },
      ],
    });
    await seedShop(db.pool, { shopId: 'shop-bad', shopserveShopId: 'ss-bad', authKey: WRONG_KEY });
    await seedShop(db.pool, { shopId: 'shop-nocontract', shopserveShopId: 'ss-nocontract', authKey: RIGHT_KEY });
    const badJobs = await seedOrders(
      db.pool,
      'shop-bad',
      orderNumbers(60000001, 50).map((orderNumber) => ({ orderNumber, ...SHIPPED })),
    );
    const noContractJobs = await seedOrders(
      db.pool,
      'shop-nocontract',
      orderNumbers(61000001, 20).map((orderNumber) => ({ orderNumber, ...SHIPPED })),
    );
    const captured = captureLog();
    await using running = startWorkers({
      redisUrl: queues.redisUrl,
      prefix: queues.prefix,
      pool: db.pool,
      shopServeUrl: sandbox.url,
      log: captured.log,
      config: { WORKER_CONCURRENCY: 50, SHOPSERVE_REQUESTS_PER_SECOND: 20 },
    });
    await running.enqueue([...badJobs, ...noContractJobs]);

    const rows = await waitForOutcomes(db.pool, 70);
    const bad = rows.filter((row) => row.shop_id === 'shop-bad');
    expect(bad.map((row) => [row.outcome, row.reason])).toEqual(
      Array.from({ length: 50 }, () => ['failed', 'unauthorized']),
    );
    const noContract = rows.filter((row) => row.shop_id === 'shop-nocontract');
    expect(new Set(noContract.map((row) => row.reason))).toEqual(new Set(['api_not_contracted']));

    const badCalls = sandbox.state.journal.list({ shopId: 'ss-bad' });
    const noContractCalls = sandbox.state.journal.list({ shopId: 'ss-nocontract' });
    expect(badCalls.length).toBeGreaterThanOrEqual(1);
    expect(badCalls.length).toBeLessThanOrEqual(5);
    expect(noContractCalls.length).toBeLessThanOrEqual(5);
    expect(new Set(badCalls.map((call) => call.status))).toEqual(new Set([401]));
    const notCalled = bad.find((row) => !badCalls.some((call) => call.orderNumber === row.order_number));
    expect(notCalled?.error).toMatch(
      /^unauthorized: order \d+ of shop shop-bad was not updated on ShopServe\. Not sent: ShopServe already refused/,
    );
    expect(notCalled?.error).toContain('save them');

    const settings = await getShopSettings(db.pool, 'shop-bad');
    expect(settings?.lastAuthError?.reason).toBe('unauthorized');

    // Saved again with the right key: the shop's pushes go out at once (no cache delay).
    await saveShopSettings(db.pool, 'shop-bad', {
      shopserveShopId: 'ss-bad',
      authKey: RIGHT_KEY,
      orderApiEnabled: true,
      autoExport: false,
    });
    const again = badJobs.slice(0, 3).map((job) => ({ ...job, generation: 1 }));
    await running.enqueue(again);
    const after = await waitForOutcomes(db.pool, 73);
    expect(after.filter((row) => row.outcome === 'updated').map((row) => row.order_number)).toEqual([
      '60000001',
      '60000002',
      '60000003',
    ]);

    // No credential anywhere: not in Redis, not in the logs.
    const stored = await dumpRedis(running.connection, queues.prefix);
    expect(stored).toContain('unauthorized');
    const logs = captured.text();
    expect(logs).toContain('"reason":"unauthorized"');
    for (const secret of [WRONG_KEY, RIGHT_KEY, Buffer.from(`ss-bad:${WRONG_KEY}`).toString('base64')]) {
      expect(stored).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
