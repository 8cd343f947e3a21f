import { describe, expect, it } from 'vitest';
import { startSandbox } from '@shopserve-sync/shopserve-sandbox';
import { isolatedDatabase, isolatedQueues } from '../../../../test/support/isolated.ts';
import { TRACKING_NUMBER_MISSING_EXPLANATION } from '../push-shipping.processor.ts';
import { captureLog, FAST_RETRIES, SHIPPED, seedOrders, seedShop, startWorkers, waitForOutcomes } from './fixture.ts';

const SHOP = { shopId: 'shop-001', shopserveShopId: 'ss-001', authKey: 'key-001-secret' };

/** Draws for the sandbox's chance: each call draws once per fault kind that has a rate. */
function draws(...values: number[]): () => number {
  return () => values.shift() ?? 0.99;
}

describe('push outcomes', () => {
  it('ends every order in exactly one outcome, calling ShopServe only when there is something to send', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({
      lenient: false,
      shops: [{ shopId: SHOP.shopserveShopId, authKey: SHOP.authKey }],
      orders: ['10000001', '10000002', '10000003'].map((orderNumber) => ({
        shopId: SHOP.shopserveShopId,
        orderNumber,
        cancelled: orderNumber === '10000003',
      })),
    });
    await seedShop(db.pool, SHOP);
    const jobs = await seedOrders(db.pool, SHOP.shopId, [
      { orderNumber: '10000001', ...SHIPPED },
      // A carrier without a tracking number: ShopServe answers SLIP_NUMBER_REQUIRED.
      { orderNumber: '10000002', carrier: 'ヤマト運輸', tracking_number: null, shipped_on: null },
      { orderNumber: '10000003', ...SHIPPED },
      { orderNumber: '10000004', carrier: null, tracking_number: null, shipped_on: null },
      { orderNumber: '10000005', carrier: 'ペンギン便', tracking_number: '111', shipped_on: null },
      { orderNumber: '10000006', carrier: 'ヤマト運輸', tracking_number: 'AB#12', shipped_on: null },
      { orderNumber: '10000009', ...SHIPPED },
    ]);
    const captured = captureLog();
    await using running = startWorkers({
      redisUrl: queues.redisUrl,
      prefix: queues.prefix,
      pool: db.pool,
      shopServeUrl: sandbox.url,
      log: captured.log,
      jobOptions: FAST_RETRIES,
    });
    const ids = await running.enqueue(jobs);

    const rows = await waitForOutcomes(db.pool, jobs.length);
    expect(rows.map((row) => [row.order_number, row.outcome, row.reason, row.attempts])).toEqual([
      ['10000001', 'updated', null, 1],
      ['10000002', 'tracking_number_missing', null, 1],
      ['10000003', 'failed', 'order_cancelled', 1],
      ['10000004', 'tracking_number_missing', null, 1],
      ['10000005', 'failed', 'unknown_carrier', 1],
      ['10000006', 'failed', 'invalid_data', 1],
      ['10000009', 'failed', 'order_not_found', 1],
    ]);

    const called = sandbox.state.journal.list().map((entry) => [entry.orderNumber, entry.status]);
    expect(called.sort()).toEqual([
      ['10000001', 200],
      ['10000002', 400],
      ['10000003', 409],
      ['10000009', 404],
    ]);
    expect(sandbox.state.orders.find(SHOP.shopserveShopId, '10000001', false, Date.now())?.slipNumber).toBe(
      '1234-5678-9012',
    );

    const byOrder = new Map(jobs.map((job, index) => [job.orderNumber, ids[index] ?? '']));
    const job = async (orderNumber: string) => {
      const found = await running.queue.getJob(byOrder.get(orderNumber) ?? '');
      if (found === undefined) throw new Error(`job of ${orderNumber} is gone`);
      return { job: found, state: await found.getState() };
    };
    await expect.poll(async () => (await job('10000002')).state).toBe('completed');
    for (const orderNumber of ['10000002', '10000004']) {
      const { job: missing, state } = await job(orderNumber);
      expect(state).toBe('completed');
      expect(missing.returnvalue).toMatchObject({
        outcome: 'tracking_number_missing',
        expected: true,
        explanation: TRACKING_NUMBER_MISSING_EXPLANATION,
      });
      expect(missing.attemptsMade).toBe(1);
    }
    await expect.poll(async () => (await job('10000003')).state).toBe('failed');
    const cancelled = (await job('10000003')).job;
    expect(cancelled.attemptsMade).toBe(1);
    expect(cancelled.failedReason).toMatch(
      /^order_cancelled: order 10000003 of shop shop-001 was not updated on ShopServe\./,
    );
    expect(cancelled.failedReason).toContain('409 ORDER_CANCELLED');
    expect((await job('10000005')).job.failedReason).toContain('ペンギン便');
    expect((await job('10000001')).job.returnvalue).toMatchObject({ outcome: 'updated', attempts: 1 });

    const metrics = await running.workers.metrics.registry.getSingleMetricAsString('shopserve_sync_push_jobs_total');
    expect(metrics).toContain('outcome="tracking_number_missing",reason=""} 2');
    expect(metrics).toContain('outcome="failed",reason="order_not_found"} 1');
  });

  for (const [fault, rates] of [
    ['500', { error500Rate: 0.5 }],
    ['503 without Retry-After', { error503Rate: 0.5 }],
    ['hang (our deadline)', { hangRate: 0.5 }],
    ['dropped connection', { dropRate: 0.5 }],
  ] as const) {
    it(`retries after a ${fault} with an attempt, then updates`, async () => {
      await using db = await isolatedDatabase();
      await using queues = isolatedQueues();
      await using sandbox = await startSandbox({ faults: rates, deps: { random: draws(0) } });
      await seedShop(db.pool, SHOP);
      const jobs = await seedOrders(db.pool, SHOP.shopId, [{ orderNumber: '20000001', ...SHIPPED }]);
      await using running = startWorkers({
        redisUrl: queues.redisUrl,
        prefix: queues.prefix,
        pool: db.pool,
        shopServeUrl: sandbox.url,
        log: captureLog('warn').log,
        config: { SHOPSERVE_TIMEOUT_MS: 500 },
        jobOptions: FAST_RETRIES,
      });
      const [id] = await running.enqueue(jobs);

      const [row] = await waitForOutcomes(db.pool, 1);
      expect(row).toMatchObject({ outcome: 'updated', attempts: 2 });
      expect(sandbox.state.journal.list().map((entry) => entry.status)).toEqual([
        fault.startsWith('5') ? Number(fault.slice(0, 3)) : null,
        200,
      ]);
      const job = await running.queue.getJob(id ?? '');
      await expect.poll(async () => job?.getState()).toBe('completed');
      const retries = await running.workers.metrics.registry.getSingleMetricAsString(
        'shopserve_sync_push_retries_total',
      );
      expect(retries).toMatch(/reason="(server_error|unavailable|timeout|network)"} 1/);
    });
  }

  it('fails as retries exhausted when the trouble outlasts the attempts', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({ faults: { error500Rate: 1 } });
    await seedShop(db.pool, SHOP);
    const jobs = await seedOrders(db.pool, SHOP.shopId, [{ orderNumber: '30000001', ...SHIPPED }]);
    await using running = startWorkers({
      redisUrl: queues.redisUrl,
      prefix: queues.prefix,
      pool: db.pool,
      shopServeUrl: sandbox.url,
      log: captureLog('warn').log,
      jobOptions: FAST_RETRIES,
    });
    const [id] = await running.enqueue(jobs);

    const [row] = await waitForOutcomes(db.pool, 1);
    expect(row).toMatchObject({ outcome: 'failed', reason: 'retries_exhausted', attempts: 3 });
    expect(row?.error).toContain('Gave up after 3 attempts');
    expect(sandbox.state.journal.list()).toHaveLength(3);
    const job = await running.queue.getJob(id ?? '');
    await expect.poll(async () => job?.getState()).toBe('failed');
    const failed = await running.queue.getJob(id ?? '');
    expect(failed?.attemptsMade).toBe(3);
    expect(failed?.failedReason).toMatch(/^retries_exhausted: order 30000001 of shop shop-001/);
  });

  it('waits out maintenance without spending an attempt, then updates', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({ maintenance: { mode: 'on', retryAfterSeconds: 2 } });
    await seedShop(db.pool, SHOP);
    const jobs = await seedOrders(db.pool, SHOP.shopId, [{ orderNumber: '40000001', ...SHIPPED }]);
    await using running = startWorkers({
      redisUrl: queues.redisUrl,
      prefix: queues.prefix,
      pool: db.pool,
      shopServeUrl: sandbox.url,
      log: captureLog('warn').log,
      // One attempt only: were the wait to spend it, the job would fail.
      jobOptions: { attempts: 1 },
    });
    const [id] = await running.enqueue(jobs);

    await expect.poll(() => sandbox.state.journal.list().length).toBeGreaterThanOrEqual(1);
    const job = await running.queue.getJob(id ?? '');
    await expect.poll(async () => job?.getState()).toBe('delayed');
    sandbox.state.update({ maintenance: { mode: 'off' } });

    const [row] = await waitForOutcomes(db.pool, 1);
    expect(row).toMatchObject({ outcome: 'updated', attempts: 1 });
    const statuses = sandbox.state.journal.list().map((entry) => entry.status);
    expect(statuses.at(-1)).toBe(200);
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([503]));
    const done = await running.queue.getJob(id ?? '');
    expect(done?.attemptsMade).toBe(1);
    expect(done?.returnvalue).toMatchObject({ outcome: 'updated', attempts: 1 });
  });

  it('spends attempts on maintenance once the job is older than the free waiting time', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({ maintenance: { mode: 'on', retryAfterSeconds: 1 } });
    await seedShop(db.pool, SHOP);
    const jobs = await seedOrders(db.pool, SHOP.shopId, [{ orderNumber: '40000002', ...SHIPPED }]);
    await using running = startWorkers({
      redisUrl: queues.redisUrl,
      prefix: queues.prefix,
      pool: db.pool,
      shopServeUrl: sandbox.url,
      log: captureLog('warn').log,
      timing: { freeWaitingForMs: 0 },
      jobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    });
    await running.enqueue(jobs);

    const [row] = await waitForOutcomes(db.pool, 1);
    expect(row).toMatchObject({ outcome: 'failed', reason: 'retries_exhausted', attempts: 2 });
    expect(row?.error).toContain('ShopServe is in maintenance');
    // The second try still waited for the Retry-After ShopServe gave.
    const [first, second] = sandbox.state.journal.list().map((entry) => Date.parse(entry.at));
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('waits out 429s without spending attempts, and the shop’s other calls wait too', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    // ShopServe allows less than we think: 2 calls, then 1 a second.
    await using sandbox = await startSandbox({ rateLimit: { perSecond: 1, burst: 2 } });
    await seedShop(db.pool, SHOP);
    const jobs = await seedOrders(db.pool, SHOP.shopId, [
      { orderNumber: '50000001', ...SHIPPED },
      { orderNumber: '50000002', ...SHIPPED },
      { orderNumber: '50000003', ...SHIPPED },
      { orderNumber: '50000004', ...SHIPPED },
    ]);
    await using running = startWorkers({
      redisUrl: queues.redisUrl,
      prefix: queues.prefix,
      pool: db.pool,
      shopServeUrl: sandbox.url,
      log: captureLog('warn').log,
      config: { SHOPSERVE_REQUESTS_PER_SECOND: 20 },
      jobOptions: { attempts: 1 },
    });
    await running.enqueue(jobs);

    const rows = await waitForOutcomes(db.pool, 4);
    expect(rows.map((row) => [row.outcome, row.attempts])).toEqual(Array.from({ length: 4 }, () => ['updated', 1]));
    const statuses = sandbox.state.journal.list().map((entry) => entry.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
    expect(statuses).toContain(429);
    // After a 429 (Retry-After: 1 s) the shop's next call waits out the Retry-After.
    const calls = sandbox.state.journal.list();
    calls.forEach((call, index) => {
      const next = calls[index + 1];
      if (call.status === 429 && next) expect(Date.parse(next.at) - Date.parse(call.at)).toBeGreaterThanOrEqual(950);
    });
    const waits = await running.workers.metrics.registry.getSingleMetricAsString('shopserve_sync_push_waits_total');
    expect(waits).toContain('reason="rate_limited"');
  });
});
