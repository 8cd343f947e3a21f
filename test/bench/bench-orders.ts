// The OMS data the pipeline benchmarks push: `shops` ShopServe shops with the API option (and
// automatic export off, so that the scheduled run the processes upsert finds nothing), and
// `count` orders spread over them, each eligible under the default window and each ending
// `updated` with one call: shipped, a known carrier, a valid tracking number, a ship date.
import pg from 'pg';
import { buildShippingUpdate } from '@shopserve-sync/shopserve-client';
import { BASELINE_AUTH_KEY, type BaselineJobData } from './baseline-queue.ts';

export interface BenchOrder {
  shopId: string;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  shippedOn: string;
}

const CARRIERS = ['ヤマト運輸', '佐川急便', '日本郵便'];

export function shopIdOf(index: number): string {
  return `shop-${String(index + 1).padStart(3, '0')}`;
}

export function shopserveShopIdOf(shopId: string): string {
  return `ss-${shopId}`;
}

export function benchOrders(count: number, shops: number): BenchOrder[] {
  const shippedOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: count }, (_, i) => ({
    shopId: shopIdOf(i % shops),
    orderNumber: String(20_000_000 + i),
    carrier: CARRIERS[i % CARRIERS.length] ?? 'ヤマト運輸',
    trackingNumber: `${String(4000 + (i % 5000))}-${String(100_000 + i).padStart(8, '0')}`,
    shippedOn,
  }));
}

/** Shops, their ShopServe settings and the orders, in bulk. */
export async function insertBenchData(
  databaseUrl: string,
  shops: number,
  orders: readonly BenchOrder[],
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO shops (id, name) SELECT 'shop-' || lpad(s::text, 3, '0'), 'ベンチ店 ' || s FROM generate_series(1, $1::int) s`,
      [shops],
    );
    await client.query(
      `INSERT INTO shopserve_sync.shop_settings (shop_id, shopserve_shop_id, auth_key, order_api_enabled, auto_export)
       SELECT id, 'ss-' || id, $1, true, false FROM shops`,
      [BASELINE_AUTH_KEY],
    );
    for (let start = 0; start < orders.length; start += 5_000) {
      const page = orders.slice(start, start + 5_000);
      // Ordered 10 days ago, updated within the last 2 days: inside the default 4-day window.
      await client.query(
        `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at, carrier, tracking_number, shipped_on)
         SELECT shop_id, 'shopserve', order_number, 'shipped', now() - interval '10 days',
                now() - interval '1 minute' * (1 + ord % 2880), carrier, tracking_number, shipped_on
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[]) WITH ORDINALITY
                AS o(shop_id, order_number, carrier, tracking_number, shipped_on, ord)`,
        [
          page.map((o) => o.shopId),
          page.map((o) => o.orderNumber),
          page.map((o) => o.carrier),
          page.map((o) => o.trackingNumber),
          page.map((o) => o.shippedOn),
        ],
      );
    }
    await client.query('ANALYZE orders');
  } finally {
    await client.end();
  }
}

/** The baseline's job for an order: the call the service would make for it. */
export function baselineJob(order: BenchOrder): BaselineJobData {
  const built = buildShippingUpdate({
    carrier: order.carrier,
    tracking_number: order.trackingNumber,
    shipped_on: order.shippedOn,
  });
  if (built.kind !== 'send') throw new Error(`bench order ${order.orderNumber} would not be sent: ${built.message}`);
  return {
    shopserveShopId: shopserveShopIdOf(order.shopId),
    orderNumber: order.orderNumber,
    update: Object.fromEntries(
      Object.entries(built.update).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
  };
}
