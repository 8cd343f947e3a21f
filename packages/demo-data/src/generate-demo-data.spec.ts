import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OMS_ORDER_STATUSES } from '@shopserve-sync/db';
import { DEMO_CARRIER_SPELLINGS, DEMO_UNKNOWN_CARRIER } from './demo-carriers.ts';
import { DEMO_BAD_STATUSES } from './demo-cases.ts';
import { FIRST_ORDER_NUMBER, generateDemoData, type DemoData } from './generate-demo-data.ts';
import { jstDay, jstDayStartMs, oneYearLineDay } from './jst-calendar.ts';

const now = new Date('2026-03-01T15:05:00Z'); // 00:05 JST on 2 March: just after midnight in Japan
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const nows = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2035-12-31T23:59:59Z'),
  noInvalidDate: true,
});

function isRealDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** What the OMS schema and the OMS's own habits promise of every row: the rows that break a promise. */
function invalidRows(data: DemoData, at: Date): string[] {
  const problems: string[] = [];
  const shopIds = new Set(data.shops.map((shop) => shop.id));
  if (shopIds.size !== data.shops.length) problems.push('duplicate shop id');
  for (const settings of data.settings) {
    if (!shopIds.has(settings.shop_id)) problems.push(`settings of unknown shop ${settings.shop_id}`);
  }

  const keys = new Set<string>();
  const numbersByShop = new Map<string, number[]>();
  for (const order of data.orders) {
    const key = JSON.stringify([order.mall, order.shop_id, order.order_number]);
    const wrong = (promise: string) => problems.push(`${key}: ${promise}`);
    if (keys.has(key)) wrong('duplicate (mall, shop_id, order_number)');
    keys.add(key);
    if (!shopIds.has(order.shop_id)) wrong('unknown shop');
    if (!/^\d{8}$/.test(order.order_number)) wrong('order number not 8 digits');
    numbersByShop.set(order.shop_id, [...(numbersByShop.get(order.shop_id) ?? []), Number(order.order_number)]);

    if (order.ordered_at.getTime() > at.getTime()) wrong('ordered after now');
    if (order.ordered_at.getTime() % 1000 !== 0) wrong('ordered_at has milliseconds');
    if (order.updated_at !== null) {
      if (order.ordered_at.getTime() >= order.updated_at.getTime()) wrong('not ordered before updated');
      if (order.updated_at.getTime() > at.getTime()) wrong('updated after now');
    }
    if (order.shipped_on !== null && !isRealDate(order.shipped_on)) wrong(`shipped_on ${order.shipped_on}`);
  }

  for (const [shopId, numbers] of numbersByShop) {
    numbers.sort((a, b) => a - b);
    if (numbers.some((number, i) => number !== FIRST_ORDER_NUMBER + i))
      problems.push(`${shopId}: order numbers have gaps`);
  }
  const orderedAt = data.orders.map((order) => order.ordered_at.getTime());
  if (orderedAt.some((time, i) => i > 0 && time < (orderedAt[i - 1] ?? 0))) problems.push('not oldest first');
  return problems;
}

/** The cases the demo exists to show, whatever the seed and the day. */
function expectEveryCase(data: DemoData, at: Date): void {
  const statuses = new Set(data.orders.map((order) => order.status));
  for (const status of [...OMS_ORDER_STATUSES, ...DEMO_BAD_STATUSES]) expect(statuses).toContain(status);

  const carriers = new Set(data.orders.map((order) => order.carrier));
  for (const spellings of Object.values(DEMO_CARRIER_SPELLINGS)) {
    for (const { carrier } of spellings) expect(carriers).toContain(carrier);
  }
  expect(carriers).toContain(DEMO_UNKNOWN_CARRIER);
  expect(carriers).toContain(null);
  expect(carriers).toContain('');

  const tracking = data.orders.map((order) => order.tracking_number);
  expect(tracking).toContain(null);
  expect(tracking).toContain('');
  expect(tracking.some((number) => number !== null && /^[０-９－]+$/.test(number))).toBe(true);

  const today = jstDay(at);
  for (const daysAgo of [3, 4, 5]) {
    const start = jstDayStartMs(today - daysAgo);
    const untouched = data.orders
      .filter((order) => order.updated_at === null && jstDay(order.ordered_at) === today - daysAgo)
      .map((order) => order.ordered_at.getTime() - start);
    expect(untouched.some((ms) => ms < 60_000)).toBe(true);
    expect(untouched.some((ms) => ms >= 86_340_000)).toBe(true);
  }

  const line = oneYearLineDay(at);
  const orderDays = data.orders.map((order) => jstDay(order.ordered_at));
  expect(orderDays).toContain(line);
  expect(orderDays).toContain(line - 1);
  expect(orderDays.some((day) => day < line - 30)).toBe(true);
  expect(new Set(data.orders.map((order) => order.mall))).toEqual(new Set(['shopserve', 'rakuten', 'yahoo']));
}

describe('generateDemoData', () => {
  it('gives the same rows for the same seed and now, and other rows for another seed', () => {
    const first = generateDemoData({ seed: 42, now });
    expect(invalidRows(first, now)).toEqual([]);
    expect(generateDemoData({ seed: 42, now: new Date(now.getTime()) })).toEqual(first);
    expect(generateDemoData({ seed: 43, now }).orders).not.toEqual(first.orders);
  });

  it('makes about 3,000 orders by default, and as many per shop as asked', () => {
    const data = generateDemoData({ seed: 42, now });
    expect(data.orders).toHaveLength(3_000);
    expect(generateDemoData({ seed: 42, now, ordersPerShop: 200 }).orders).toHaveLength(data.shops.length * 200);
  });

  it('writes rows the OMS schema accepts, for any seed and day', () => {
    fc.assert(
      fc.property(seeds, nows, (seed, at) => {
        expect(invalidRows(generateDemoData({ seed, now: at, ordersPerShop: 120 }), at)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('contains every case the demo must show, for any seed and day', () => {
    expectEveryCase(generateDemoData({ seed: 42, now }), now);
    fc.assert(
      fc.property(seeds, nows, (seed, at) => {
        expectEveryCase(generateDemoData({ seed, now: at, ordersPerShop: 60 }), at);
      }),
      { numRuns: 25 },
    );
  });

  it('has shops with automatic export, one exporting only by hand, one without the API option; keys plainly fake', () => {
    const { settings } = generateDemoData({ seed: 42, now });
    expect(settings.filter((s) => s.order_api_enabled && s.auto_export).length).toBeGreaterThanOrEqual(2);
    expect(settings.filter((s) => s.order_api_enabled && !s.auto_export)).toHaveLength(1);
    expect(settings.filter((s) => !s.order_api_enabled)).toHaveLength(1);
    for (const { auth_key } of settings) expect(auth_key).toMatch(/^demo-/);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateDemoData({ seed: 1.5, now })).toThrow(RangeError);
    expect(() => generateDemoData({ seed: 1, now: new Date(Number.NaN) })).toThrow(RangeError);
    expect(() => generateDemoData({ seed: 1, now, ordersPerShop: -1 })).toThrow(RangeError);
  });
});
