import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OMS_ORDER_STATUSES, type Pool } from '@shopserve-sync/db';
import { isolatedDatabase } from '../../../test/support/isolated.ts';
import { DASH_LOOK_ALIKES, DEMO_CARRIER_SPELLINGS, DEMO_UNKNOWN_CARRIER } from './demo-carriers.ts';
import { seedDemoData } from './seed-demo-data.ts';

const now = new Date('2026-03-01T15:05:00Z'); // 00:05 JST: just past midnight in Japan
const repoRoot = join(import.meta.dirname, '../../..');

/** A case the demo must contain: a SQL condition on `o` (orders with their shop's settings and JST dates). */
interface Case {
  name: string;
  where: string;
  params?: unknown[];
}

/**
 * An order the export would pick up with its default window at `now`: a ShopServe order of a shop
 * with the API option, an exportable status, within the year, updated in the last four days.
 */
const exportable = `o.mall = 'shopserve' AND o.order_api_enabled
  AND o.status IN ('awaiting_payment', 'awaiting_shipment', 'shipped', 'completed')
  AND o.order_day >= c.one_year_line AND o.updated_at BETWEEN c.now - interval '4 days' AND c.now`;

const cases: Case[] = [
  ...OMS_ORDER_STATUSES.map((status) => ({ name: `status ${status}`, where: 'o.status = $P', params: [status] })),
  { name: 'a bad status', where: 'o.status <> ALL($P)', params: [[...OMS_ORDER_STATUSES]] },
  ...Object.entries(DEMO_CARRIER_SPELLINGS).flatMap(([code, spellings]) =>
    spellings.map(({ carrier }) => ({
      name: `${code} typed as ${JSON.stringify(carrier)}, exportable`,
      where: `o.carrier = $P AND ${exportable}`,
      params: [carrier],
    })),
  ),
  {
    name: 'the unknown carrier, exportable',
    where: `o.carrier = $P AND ${exportable}`,
    params: [DEMO_UNKNOWN_CARRIER],
  },
  { name: 'carrier NULL', where: 'o.carrier IS NULL' },
  { name: "carrier ''", where: `o.carrier = ''` },
  { name: 'full-width tracking number, exportable', where: `o.tracking_number ~ '^[０-９－]+$' AND ${exportable}` },
  ...DASH_LOOK_ALIKES.map((dash) => ({
    name: `tracking number with ${dash} for a hyphen, exportable`,
    where: `strpos(o.tracking_number, $P) > 0 AND ${exportable}`,
    params: [dash],
  })),
  { name: 'tracking number with spaces, exportable', where: `o.tracking_number ~ '\\s' AND ${exportable}` },
  {
    name: 'tracking number NULL with a carrier, exportable',
    where: `o.tracking_number IS NULL AND o.carrier <> '' AND ${exportable}`,
  },
  {
    name: "tracking number '' with a carrier, exportable",
    where: `o.tracking_number = '' AND o.carrier <> '' AND ${exportable}`,
  },
  { name: 'shipped without a ship date', where: `o.shipped_on IS NULL AND o.tracking_number <> '' AND ${exportable}` },
  {
    name: 'ordered more than a year ago, updated lately',
    where: `o.order_day < c.one_year_line - 30 AND o.updated_at > c.now - interval '4 days' AND o.mall = 'shopserve'`,
  },
  {
    name: 'ordered on the one-year line day',
    where: `o.order_day = c.one_year_line AND o.updated_at > c.now - interval '4 days'`,
  },
  {
    name: 'ordered the day before the one-year line',
    where: `o.order_day = c.one_year_line - 1 AND o.updated_at > c.now - interval '4 days'`,
  },
  ...[3, 4, 5].flatMap((daysAgo) => [
    {
      name: `never updated, ordered ${daysAgo} JST days ago just after midnight`,
      where: `o.updated_at IS NULL AND o.order_day = c.today - $P::int AND o.order_time < '00:01'`,
      params: [daysAgo],
    },
    {
      name: `never updated, ordered ${daysAgo} JST days ago just before midnight`,
      where: `o.updated_at IS NULL AND o.order_day = c.today - $P::int AND o.order_time >= '23:59'`,
      params: [daysAgo],
    },
  ]),
  { name: 'Rakuten orders', where: `o.mall = 'rakuten'` },
  { name: 'Yahoo! orders', where: `o.mall = 'yahoo'` },
  {
    name: 'recent ShopServe orders of a shop with the API option but no automatic export',
    where: `o.mall = 'shopserve' AND o.order_api_enabled AND NOT o.auto_export AND o.updated_at > c.now - interval '4 days'`,
  },
  {
    name: 'recent ShopServe orders of a shop without the API option',
    where: `o.mall = 'shopserve' AND NOT o.order_api_enabled AND o.updated_at > c.now - interval '4 days'`,
  },
];

/** How many orders each case has, counted in one query. */
async function countCases(pool: Pool): Promise<Record<string, number>> {
  const params: unknown[] = [now];
  const filters = cases.map(({ where, params: own = [] }, index) => {
    const sql = own.reduce<string>((text, value) => {
      params.push(value);
      return text.replace('$P', `$${params.length}`);
    }, where);
    return `count(*) FILTER (WHERE ${sql})::int AS c${index}`;
  });
  const { rows } = await pool.query<Record<string, number>>(
    `WITH c AS (
       SELECT $1::timestamptz AS now,
              ($1::timestamptz AT TIME ZONE 'Asia/Tokyo')::date AS today,
              (($1::timestamptz AT TIME ZONE 'Asia/Tokyo')::date - interval '1 year')::date AS one_year_line
     ), o AS (
       SELECT orders.*, (ordered_at AT TIME ZONE 'Asia/Tokyo')::date AS order_day,
              (ordered_at AT TIME ZONE 'Asia/Tokyo')::time AS order_time,
              coalesce(s.order_api_enabled, false) AS order_api_enabled, coalesce(s.auto_export, false) AS auto_export
         FROM orders LEFT JOIN shopserve_sync.shop_settings s USING (shop_id)
     )
     SELECT ${filters.join(',\n')} FROM o CROSS JOIN c`,
    params,
  );
  const row = rows[0] ?? {};
  return Object.fromEntries(cases.map(({ name }, index) => [name, row[`c${index}`] ?? 0]));
}

async function tableCounts(pool: Pool) {
  const { rows } = await pool.query<{ shops: number; settings: number; orders: number }>(
    `SELECT (SELECT count(*) FROM shops)::int AS shops,
            (SELECT count(*) FROM shopserve_sync.shop_settings)::int AS settings,
            (SELECT count(*) FROM orders)::int AS orders`,
  );
  return rows[0];
}

describe('seedDemoData', () => {
  it('writes every case the demo must show', async () => {
    await using db = await isolatedDatabase();
    expect(await seedDemoData(db.pool, { seed: 42, now, onlyIfEmpty: true })).toEqual({
      skipped: false,
      shops: 6,
      settings: 5,
      orders: 3_000,
    });

    const counts = await countCases(db.pool);
    expect(
      Object.entries(counts)
        .filter(([, count]) => count === 0)
        .map(([name]) => name),
    ).toEqual([]);

    const { rows: spread } = await db.pool.query<{ days: number; last_four: number; last_ten: number }>(
      `SELECT count(DISTINCT (updated_at AT TIME ZONE 'Asia/Tokyo')::date)::int AS days,
              count(*) FILTER (WHERE updated_at > $1::timestamptz - interval '4 days')::int AS last_four,
              count(*)::int AS last_ten
         FROM orders WHERE updated_at > $1::timestamptz - interval '10 days'`,
      [now],
    );
    expect(spread[0]?.days).toBeGreaterThanOrEqual(10);
    expect(spread[0]?.last_four).toBeGreaterThan((spread[0]?.last_ten ?? 0) / 2);

    const { rows: settings } = await db.pool.query(
      `SELECT order_api_enabled, auto_export, count(*)::int AS shops
         FROM shopserve_sync.shop_settings GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(settings).toEqual([
      { order_api_enabled: false, auto_export: true, shops: 1 },
      { order_api_enabled: true, auto_export: false, shops: 1 },
      { order_api_enabled: true, auto_export: true, shops: 3 },
    ]);
  });

  it('leaves a database with orders alone when asked to seed only an empty one, and never duplicates', async () => {
    await using db = await isolatedDatabase();
    await db.pool.query(`INSERT INTO shops (id, name) VALUES ('shop-001', '既存ショップ')`);
    await db.pool.query(
      `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at) VALUES ('shop-001', 'shopserve', '10000001', 'new', now())`,
    );
    expect(await seedDemoData(db.pool, { seed: 42, now, onlyIfEmpty: true })).toEqual({
      skipped: true,
      shops: 0,
      settings: 0,
      orders: 0,
    });
    expect(await tableCounts(db.pool)).toEqual({ shops: 1, settings: 0, orders: 1 });

    const forced = await seedDemoData(db.pool, { seed: 42, now });
    expect(forced).toMatchObject({ skipped: false, shops: 5, settings: 5 });
    const total = forced.orders + 1;
    expect(total).toBeGreaterThanOrEqual(3_000);
    const { rows } = await db.pool.query(`SELECT name FROM shops WHERE id = 'shop-001'`);
    expect(rows).toEqual([{ name: '既存ショップ' }]);

    const later = new Date(now.getTime() + 86_400_000);
    expect(await seedDemoData(db.pool, { seed: 7, now: later })).toEqual({
      skipped: false,
      shops: 0,
      settings: 0,
      orders: 0,
    });
    expect(await tableCounts(db.pool)).toEqual({ shops: 6, settings: 5, orders: total });
  });
});

const run = promisify(execFile);

/** Runs the CLI as `pnpm seed:demo` does; resolves with its exit code and log lines, never throws on exit codes. */
async function seedDemo(databaseUrl: string, args: string[] = []) {
  const cli = join('packages', 'demo-data', 'src', 'cli', 'seed-demo.ts');
  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', LOG_FORMAT: 'json' };
  const done = await run('npx', ['tsx', cli, ...args], { cwd: repoRoot, env, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: unknown) => {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    },
  );
  const logs = done.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { ...done, logs };
}

// Each run starts a TypeScript process; on a busy machine that takes seconds.
describe('pnpm seed:demo', { timeout: 180_000 }, () => {
  it('seeds an empty database once; a second run and a forced run add nothing', async () => {
    await using db = await isolatedDatabase();

    const first = await seedDemo(db.url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.logs).toContainEqual(
      expect.objectContaining({ msg: 'demo data seeded', shops: 6, settings: 5, orders: 3_000, seed: 42 }),
    );
    expect(await tableCounts(db.pool)).toEqual({ shops: 6, settings: 5, orders: 3_000 });

    const second = await seedDemo(db.url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.logs).toContainEqual(expect.objectContaining({ skipped: true, orders: 0 }));

    const forced = await seedDemo(db.url, ['--force', '--seed', '7']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.logs).toContainEqual(expect.objectContaining({ msg: 'demo data seeded', orders: 0, seed: 7 }));
    expect(await tableCounts(db.pool)).toEqual({ shops: 6, settings: 5, orders: 3_000 });
  });

  it('stops with a clear message on a bad argument or an unreachable database', async () => {
    const [badSeed, unreachable] = await Promise.all([
      seedDemo('postgres://postgres@127.0.0.1:1/nowhere', ['--seed', 'forty-two']),
      seedDemo('postgres://postgres@127.0.0.1:1/nowhere'),
    ]);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain('--seed must be a whole number');

    expect(unreachable.code).toBe(1);
    expect(unreachable.logs).toContainEqual(expect.objectContaining({ level: 50, msg: 'seeding demo data failed' }));
  });
});
