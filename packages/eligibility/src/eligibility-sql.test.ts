import type { OmsOrderRow } from '@shopserve-sync/db';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../../../test/support/isolated.ts';
import { asTimestamptz, nowArbitrary, orderArbitrary, windowArbitrary } from './boundary.arbitraries.ts';
import { checkEligibility, INELIGIBILITY_REASONS, type ShopExportSettings } from './check-eligibility.ts';
import { eligibleOrdersQuery, unknownStatusOrdersQuery } from './eligible-orders.sql.ts';
import { orderPages, type Queryable } from './order-pages.ts';

const SHOPS: { id: string; settings: ShopExportSettings | null }[] = [
  { id: 'shop-on', settings: { orderApiEnabled: true } },
  { id: 'shop-on-2', settings: { orderApiEnabled: true } },
  { id: 'shop-off', settings: { orderApiEnabled: false } },
  { id: 'shop-without-settings', settings: null },
];
const ORDERS_PER_RUN = 1_200;
/** Page sizes: one row, a few, or more than a shop's matches (first page only). */
const pageSize = fc.constantFrom(1, 3, 17, 2_000);

async function setUpShops(
  db: Queryable & { query(text: string, values?: unknown[]): Promise<unknown> },
): Promise<void> {
  for (const shop of SHOPS) {
    await db.query('INSERT INTO shops (id, name) VALUES ($1, $1)', [shop.id]);
    if (shop.settings) {
      await db.query(
        `INSERT INTO shopserve_sync.shop_settings (shop_id, shopserve_shop_id, auth_key, order_api_enabled)
         VALUES ($1, $2, 'dummy-auth-key', $3)`,
        [shop.id, `ss-${shop.id}`, shop.settings.orderApiEnabled],
      );
    }
  }
}

async function collect(
  db: Queryable,
  query: typeof eligibleOrdersQuery,
  selection: Parameters<typeof eligibleOrdersQuery>[0],
) {
  const ids: number[] = [];
  for await (const page of orderPages(db, query, selection)) {
    expect(page.length).toBeLessThanOrEqual(selection.limit);
    ids.push(...page.map((row) => row.id));
  }
  // Keyset pages: strictly ascending ids, none twice.
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

describe('eligibleOrdersQuery and unknownStatusOrdersQuery', () => {
  it('select exactly what checkEligibility calls eligible, and unknown_status, around every edge', async () => {
    await using db = await isolatedDatabase();
    await setUpShops(db.pool);
    const totals = { eligible: 0, unknown: 0, orders: 0 };
    const reasons = new Set<string>();

    const scenario = nowArbitrary.chain((now) =>
      windowArbitrary(now).chain((window) =>
        fc.tuple(
          fc.constant(now),
          fc.constant(window),
          pageSize,
          fc.array(fc.tuple(fc.nat({ max: SHOPS.length - 1 }), orderArbitrary(now, window)), {
            minLength: ORDERS_PER_RUN,
            maxLength: ORDERS_PER_RUN,
          }),
        ),
      ),
    );

    await fc.assert(
      fc.asyncProperty(scenario, async ([now, window, limit, generated]) => {
        await db.pool.query('TRUNCATE orders RESTART IDENTITY');
        await db.pool.query(
          `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])`,
          [
            generated.map(([shop]) => SHOPS[shop]?.id),
            generated.map(([, order]) => order.mall),
            generated.map((_, index) => `ORD-${index}`),
            generated.map(([, order]) => order.status),
            generated.map(([, order]) => asTimestamptz(order.ordered_at)),
            generated.map(([, order]) => (order.updated_at ? asTimestamptz(order.updated_at) : null)),
          ],
        );
        // The pure rule judges the rows as the database gives them back (microseconds cut off).
        const { rows } = await db.pool.query<OmsOrderRow>('SELECT * FROM orders');
        totals.orders += rows.length;

        for (const shop of SHOPS) {
          const verdicts = rows
            .filter((row) => row.shop_id === shop.id)
            .map((row) => ({ id: row.id, verdict: checkEligibility(row, shop.settings, window, now) }));
          for (const { verdict } of verdicts) reasons.add(verdict.eligible ? 'eligible' : verdict.reason);
          const expectedEligible = verdicts.filter((v) => v.verdict.eligible).map((v) => v.id);
          const expectedUnknown = verdicts
            .filter((v) => !v.verdict.eligible && v.verdict.reason === 'unknown_status')
            .map((v) => v.id);
          const selection = { shopId: shop.id, window, now, limit };

          expect(await collect(db.pool, eligibleOrdersQuery, selection)).toEqual(
            expectedEligible.sort((a, b) => a - b),
          );
          expect(await collect(db.pool, unknownStatusOrdersQuery, selection)).toEqual(
            expectedUnknown.sort((a, b) => a - b),
          );
          totals.eligible += expectedEligible.length;
          totals.unknown += expectedUnknown.length;
        }
      }),
      { numRuns: 12 },
    );

    // Enough of each to mean something.
    expect([...reasons].sort()).toEqual(['eligible', ...INELIGIBILITY_REASONS].sort());
    expect(totals.orders).toBeGreaterThanOrEqual(12 * ORDERS_PER_RUN);
    expect(totals.eligible).toBeGreaterThan(500);
    expect(totals.unknown).toBeGreaterThan(20);
  });

  it('returns full OMS rows, and nothing for a shop whose option is off whatever its orders', async () => {
    await using db = await isolatedDatabase();
    await setUpShops(db.pool);
    const now = new Date('2028-02-29T03:00:00.000Z');
    await db.pool.query(
      `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at, carrier, tracking_number, shipped_on)
       VALUES ('shop-on',  'shopserve', 'A-1', 'shipped', '2028-02-29T10:00:00+09:00', NULL, 'ヤマト運輸', '1234-5678-9012', '2028-02-29'),
              ('shop-off', 'shopserve', 'B-1', 'shipped', '2028-02-29T10:00:00+09:00', NULL, NULL, NULL, NULL)`,
    );
    const window = { from: new Date(now.getTime() - 1), to: now };
    const { rows } = await db.pool.query(eligibleOrdersQuery({ shopId: 'shop-on', window, now, limit: 10 }));
    expect(rows).toEqual([
      {
        id: 1,
        shop_id: 'shop-on',
        mall: 'shopserve',
        order_number: 'A-1',
        status: 'shipped',
        ordered_at: new Date('2028-02-29T01:00:00.000Z'),
        updated_at: null,
        carrier: 'ヤマト運輸',
        tracking_number: '1234-5678-9012',
        shipped_on: '2028-02-29',
      },
    ]);
    const off = await db.pool.query(eligibleOrdersQuery({ shopId: 'shop-off', window, now, limit: 10 }));
    expect(off.rows).toEqual([]);
  });

  it('keeps a shop id with quotes in a parameter, never in the statement', () => {
    const query = eligibleOrdersQuery({
      shopId: "x'; DROP TABLE orders; --",
      window: { from: new Date(0), to: new Date(1) },
      now: new Date(),
      limit: 1,
    });
    expect(query.text).not.toContain('DROP');
    expect(query.values).toContain("x'; DROP TABLE orders; --");
  });
});
