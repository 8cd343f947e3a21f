import { SERVICE_SCHEMA, inTransaction, type Pool, type PoolClient } from '@shopserve-sync/db';
import {
  DEMO_DEFAULT_SEED,
  generateDemoData,
  type DemoOrderRow,
  type GenerateDemoDataOptions,
} from './generate-demo-data.ts';

export interface SeedDemoDataOptions extends Partial<GenerateDemoDataOptions> {
  /** Do nothing when `orders` already holds a row, so that a real or earlier database is never mixed with demo rows. Default false. */
  onlyIfEmpty?: boolean;
}

/**
 * Rows this call inserted. Rows already present are left as they are: a shop with the same id, a
 * shop's settings, an order with the same shop and order number (in any mall, so that another
 * seed, which spreads orders over malls differently, adds nothing either).
 */
export interface SeedDemoResult {
  /** True when `onlyIfEmpty` found orders and nothing was written. */
  skipped: boolean;
  shops: number;
  settings: number;
  orders: number;
}

/** Keeps concurrent seeders (two `pnpm start` at once) from both finding the tables empty. */
const SEED_LOCK = 'shopserve-sync:demo-seed';
const ORDERS_PER_STATEMENT = 5_000;

async function insertOrders(client: PoolClient, orders: readonly DemoOrderRow[]): Promise<number> {
  // Every mall the demo uses, so that the unique index on (mall, shop_id, order_number) finds existing numbers.
  const malls = [...new Set(orders.map((o) => o.mall))];
  let inserted = 0;
  for (let start = 0; start < orders.length; start += ORDERS_PER_STATEMENT) {
    const batch = orders.slice(start, start + ORDERS_PER_STATEMENT);
    const result = await client.query(
      `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at, carrier, tracking_number, shipped_on)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                            $7::text[], $8::text[], $9::date[]) AS demo (shop_id, mall, order_number)
        WHERE NOT EXISTS (SELECT 1 FROM orders o
                           WHERE o.mall = ANY($10::text[]) AND o.shop_id = demo.shop_id AND o.order_number = demo.order_number)
       ON CONFLICT (mall, shop_id, order_number) DO NOTHING`,
      [
        batch.map((o) => o.shop_id),
        batch.map((o) => o.mall),
        batch.map((o) => o.order_number),
        batch.map((o) => o.status),
        batch.map((o) => o.ordered_at.toISOString()),
        batch.map((o) => o.updated_at?.toISOString() ?? null),
        batch.map((o) => o.carrier),
        batch.map((o) => o.tracking_number),
        batch.map((o) => o.shipped_on),
        malls,
      ],
    );
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

/**
 * Writes the demo's shops, ShopServe settings and orders in one transaction. Existing rows win:
 * a shop's saved settings are never overwritten, and running it again adds nothing.
 */
export async function seedDemoData(pool: Pool, options: SeedDemoDataOptions = {}): Promise<SeedDemoResult> {
  const { onlyIfEmpty = false, seed = DEMO_DEFAULT_SEED, now = new Date(), ordersPerShop } = options;
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
    if (onlyIfEmpty) {
      const { rows } = await client.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM orders) AS found');
      if (rows[0]?.found === true) return { skipped: true, shops: 0, settings: 0, orders: 0 };
    }

    const data = generateDemoData({ seed, now, ...(ordersPerShop === undefined ? {} : { ordersPerShop }) });
    const shops = await client.query(
      `INSERT INTO shops (id, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (id) DO NOTHING`,
      [data.shops.map((s) => s.id), data.shops.map((s) => s.name)],
    );
    const settings = await client.query(
      `INSERT INTO ${SERVICE_SCHEMA}.shop_settings (shop_id, shopserve_shop_id, auth_key, order_api_enabled, auto_export)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::boolean[])
       ON CONFLICT (shop_id) DO NOTHING`,
      [
        data.settings.map((s) => s.shop_id),
        data.settings.map((s) => s.shopserve_shop_id),
        data.settings.map((s) => s.auth_key),
        data.settings.map((s) => s.order_api_enabled),
        data.settings.map((s) => s.auto_export),
      ],
    );
    return {
      skipped: false,
      shops: shops.rowCount ?? 0,
      settings: settings.rowCount ?? 0,
      orders: await insertOrders(client, data.orders),
    };
  });
}
