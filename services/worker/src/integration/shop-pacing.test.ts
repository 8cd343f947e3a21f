import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedQueues, type IsolatedQueues } from '../../../../test/support/isolated.ts';
import { createShopPacing, type PacingLimits, type ShopPacing, type Turn } from '../shop-pacing.ts';

// Pacing against the real Redis, at small time scales (the limits are the pacing's input, so a
// window of tens of ms behaves as the production window of 1,040 ms does).

let queues: IsolatedQueues;
const connections: Redis[] = [];

beforeAll(() => {
  queues = isolatedQueues();
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await queues[Symbol.asyncDispose]();
});

/** A pacing on a connection of its own, as each worker process has. */
function processPacing(limits: PacingLimits): ShopPacing {
  const connection = new Redis(queues.redisUrl);
  connections.push(connection);
  return createShopPacing(connection, queues.prefix, limits);
}

const shop = (shopserveShopId: string, jobId: string) => ({ shopserveShopId, shopId: 'oms-shop', revision: 1, jobId });

/** What a push does: asks, waits as told, asks again, until it may call; returns the grant time. */
async function callWhenAllowed(pacing: ShopPacing, shopserveShopId: string, jobId: string): Promise<number> {
  for (;;) {
    const turn = await pacing.takeTurn(shop(shopserveShopId, jobId));
    if (turn.kind === 'go') return turn.at;
    if (turn.kind === 'auth_failed') throw new Error('unexpected auth failure');
    await sleep(turn.waitMs);
  }
}

function waitOf(turn: Turn): number {
  if (turn.kind !== 'wait') throw new Error(`expected a wait, got ${turn.kind}`);
  return turn.waitMs;
}

function ascending(times: readonly number[]): number[] {
  return [...times].sort((a, b) => a - b);
}

/** The shortest time in which `count + 1` of these grants happened. */
function tightestSpan(times: number[], count: number): number {
  const sorted = ascending(times);
  let tightest = Infinity;
  for (let i = 0; i + count < sorted.length; i += 1) tightest = Math.min(tightest, sorted[i + count]! - sorted[i]!);
  return tightest;
}

/** The median time between consecutive grants. */
function medianGap(times: number[]): number {
  const sorted = ascending(times);
  const gaps = ascending(sorted.slice(1).map((time, i) => time - sorted[i]!));
  return gaps[Math.floor(gaps.length / 2)]!;
}

describe('shop pacing', () => {
  it('never grants more than the limit in any window, to jobs of two processes asking at once', async () => {
    const limits = { intervalMs: 10, count: 5, windowMs: 50, burstMs: 0 };
    const processes = [processPacing(limits), processPacing(limits)];
    const jobs = Array.from({ length: 120 }, (_, i) => `job-${String(i)}`);
    const [grants, otherShop] = await Promise.all([
      Promise.all(jobs.map((jobId, i) => callWhenAllowed(processes[i % 2]!, 'ss-busy', jobId))),
      Promise.all(jobs.slice(0, 10).map((jobId) => callWhenAllowed(processes[0]!, 'ss-other', jobId))),
    ]);

    expect(grants).toHaveLength(jobs.length);
    // Times are kept to the µs; a grant is never earlier than the window allows.
    expect(tightestSpan(grants, limits.count)).toBeGreaterThanOrEqual(limits.windowMs - 0.002);
    // Spaced, not bunched: the calls are granted about an interval apart (the window alone would
    // let five go at once and then none for a window). Two jobs back late for their slots may go
    // together, so the typical gap is asserted, not the least.
    expect(medianGap(grants)).toBeGreaterThanOrEqual(limits.intervalMs / 2);
    // Another shop is paced on its own: its first call went before the busy shop's queue drained.
    expect(Math.min(...otherShop)).toBeLessThan(Math.max(...grants));
  });

  it('lets a high limit’s calls come at once, up to the burst, and never past the window', async () => {
    // Slots a second apart: the answers do not depend on how long the 25 asks take to run.
    const limits = { intervalMs: 1_000, count: 20, windowMs: 20_000, burstMs: 2_000 };
    const pacing = processPacing(limits);
    const turns = await Promise.all(
      Array.from({ length: 25 }, (_, i) => pacing.takeTurn(shop('ss-burst', `burst-${String(i)}`))),
    );
    // Right away: the first call, and those within the burst ahead of the spacing.
    expect(turns.filter((turn) => turn.kind === 'go')).toHaveLength(3);
    const waits = turns.flatMap((turn) => (turn.kind === 'wait' ? [turn.waitMs] : []));
    expect(Math.max(...waits)).toBeLessThanOrEqual(22 * limits.intervalMs);
  });

  it('keeps a waiting job’s slot for it, and queues newcomers behind it', async () => {
    const pacing = processPacing({ intervalMs: 1_000, count: 10, windowMs: 10_000, burstMs: 0 });
    expect((await pacing.takeTurn(shop('ss-slots', 'first'))).kind).toBe('go');
    const askedSecond = performance.now();
    const second = waitOf(await pacing.takeTurn(shop('ss-slots', 'second')));
    const third = waitOf(await pacing.takeTurn(shop('ss-slots', 'third')));
    const answeredThird = performance.now();
    expect(second).toBeGreaterThan(900);
    // Third's slot is one interval after second's; each wait is counted from its own ask, and the
    // second ask came up to (answeredThird - askedSecond) ms after the first.
    expect(third - second).toBeLessThanOrEqual(1_000 + 1);
    expect(third - second).toBeGreaterThanOrEqual(1_000 - (answeredThird - askedSecond) - 1);

    // Back early (as from a short sleep cut short): the same slot, not one at the back.
    const secondAgain = waitOf(await pacing.takeTurn(shop('ss-slots', 'second')));
    expect(secondAgain).toBeLessThanOrEqual(second);
    expect(secondAgain).toBeGreaterThan(second - 500);
  });

  it('keeps every held slot as long as it lies ahead, whichever job asked last', async () => {
    // Slots further apart than the keys' linger (a minute): a slot asked for again must not cut
    // short the life of a later one.
    const pacing = processPacing({ intervalMs: 100_000, count: 10, windowMs: 1_000_000, burstMs: 0 });
    expect((await pacing.takeTurn(shop('ss-far', 'first'))).kind).toBe('go');
    waitOf(await pacing.takeTurn(shop('ss-far', 'second')));
    const third = waitOf(await pacing.takeTurn(shop('ss-far', 'third')));
    waitOf(await pacing.takeTurn(shop('ss-far', 'second')));
    const redis = new Redis(queues.redisUrl);
    connections.push(redis);
    expect(await redis.pttl(`${queues.prefix}:shopserve-pacing:ss-far:held`)).toBeGreaterThan(third);
  });

  it('holds a job back that comes on time when a late one called just before (the window)', async () => {
    // 2 calls per 600 ms, spaced 300 ms. A at 0; B's slot 300, C's 600, D's 900.
    const limits = { intervalMs: 300, count: 2, windowMs: 600, burstMs: 0 };
    const pacing = processPacing(limits);
    const grants: number[] = [];
    const a = await pacing.takeTurn(shop('ss-late', 'a'));
    if (a.kind !== 'go') throw new Error('the first call of an idle shop goes at once');
    grants.push(a.at);
    const started = performance.now();
    for (const job of ['b', 'c', 'd']) waitOf(await pacing.takeTurn(shop('ss-late', job)));

    // B comes back 250 ms late and calls at once (its slot has passed, the window has room).
    await sleep(Math.max(0, 550 - (performance.now() - started)));
    const b = await pacing.takeTurn(shop('ss-late', 'b'));
    expect(b.kind).toBe('go');
    grants.push(await callWhenAllowed(pacing, 'ss-late', 'c'));

    // D on time, at 900: B's call was less than a window ago, with C's after it: D waits.
    await sleep(Math.max(0, 900 - (performance.now() - started)));
    const d = await pacing.takeTurn(shop('ss-late', 'd'));
    expect(waitOf(d)).toBeGreaterThan(0);
    grants.push(await callWhenAllowed(pacing, 'ss-late', 'd'));
    if (b.kind === 'go') grants.push(b.at);
    expect(tightestSpan(grants, limits.count)).toBeGreaterThanOrEqual(limits.windowMs - 0.002);
  });

  it('counts a call that came back slow as arriving as late as it can have', async () => {
    // One call per second. A is granted, then takes 600 ms (say ShopServe's side stalled): it may
    // have arrived just now, so B waits a whole window from now, not from A's grant.
    const pacing = processPacing({ intervalMs: 1_000, count: 1, windowMs: 1_000, burstMs: 0 });
    const a = await pacing.takeTurn(shop('ss-slow', 'a'));
    if (a.kind !== 'go') throw new Error('the first call of an idle shop goes at once');
    const sent = performance.now();
    await sleep(600);
    await pacing.settle('ss-slow', a.callId, { tookMs: performance.now() - sent, answered: true });
    expect(waitOf(await pacing.takeTurn(shop('ss-slow', 'b')))).toBeGreaterThan(700);

    // Unsettled (a call no slower than the shop's fastest), B would have waited from A's grant.
    const c = await pacing.takeTurn(shop('ss-fast', 'c'));
    if (c.kind !== 'go') throw new Error('the first call of an idle shop goes at once');
    await sleep(600);
    expect(waitOf(await pacing.takeTurn(shop('ss-fast', 'd')))).toBeLessThan(500);

    // A call the log no longer holds (its entry aged out) is not logged again by its settle.
    await pacing.settle('ss-gone', 'push-gone@1', { tookMs: 600, answered: true });
    expect((await pacing.takeTurn(shop('ss-gone', 'e'))).kind).toBe('go');
  });

  it('makes every job of the shop wait as long as ShopServe asked, slots held or not', async () => {
    // Slots a second apart, ShopServe's wait 20 s: the answers do not depend on how long the asks take.
    const pacing = processPacing({ intervalMs: 1_000, count: 5, windowMs: 5_000, burstMs: 0 });
    expect((await pacing.takeTurn(shop('ss-429', 'first'))).kind).toBe('go');
    const held = waitOf(await pacing.takeTurn(shop('ss-429', 'held')));
    expect(held).toBeLessThanOrEqual(1_000);

    await pacing.pushBack('ss-429', 20_000);
    expect(waitOf(await pacing.takeTurn(shop('ss-429', 'held')))).toBeGreaterThan(19_000);
    const newcomer = waitOf(await pacing.takeTurn(shop('ss-429', 'newcomer')));
    expect(newcomer).toBeGreaterThan(19_000);
    // After the wait the calls are spaced again, not let out together.
    const later = waitOf(await pacing.takeTurn(shop('ss-429', 'later')));
    expect(later - newcomer).toBeGreaterThanOrEqual(500);
  });

  it('answers with the refusal another process recorded for these settings, for their revision only', async () => {
    const pacing = processPacing({ intervalMs: 10, count: 5, windowMs: 50, burstMs: 0 });
    await pacing.markAuthFailure('oms-shop', 1, '{"reason":"unauthorized","message":"no"}');
    expect(await pacing.takeTurn(shop('ss-auth', 'job'))).toEqual({
      kind: 'auth_failed',
      marker: '{"reason":"unauthorized","message":"no"}',
    });
    expect((await pacing.takeTurn({ ...shop('ss-auth', 'job'), revision: 2 })).kind).toBe('go');
  });
});
