import type { Pool } from '@shopserve-sync/db';

export interface FixtureOrder {
  shopId: string;
  orderNumber: string;
  status?: string;
  mall?: string;
  orderedAt: Date;
  updatedAt: Date | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  shippedOn?: string | null;
}

export async function insertShop(
  pool: Pool,
  shopId: string,
  settings: { orderApiEnabled: boolean; autoExport: boolean } | null,
): Promise<void> {
  await pool.query('INSERT INTO shops (id, name) VALUES ($1, $2)', [shopId, `ショップ ${shopId}`]);
  if (settings) {
    await pool.query(
      `INSERT INTO shopserve_sync.shop_settings (shop_id, shopserve_shop_id, auth_key, order_api_enabled, auto_export)
       VALUES ($1, $2, 'fixture-key', $3, $4)`,
      [shopId, `ss-${shopId}`, settings.orderApiEnabled, settings.autoExport],
    );
  }
}

export async function insertOrders(pool: Pool, orders: readonly FixtureOrder[]): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at, carrier, tracking_number, shipped_on)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                          $7::text[], $8::text[], $9::date[])
     RETURNING id`,
    [
      orders.map((o) => o.shopId),
      orders.map((o) => o.mall ?? 'shopserve'),
      orders.map((o) => o.orderNumber),
      orders.map((o) => o.status ?? 'shipped'),
      orders.map((o) => o.orderedAt),
      orders.map((o) => o.updatedAt),
      orders.map((o) => (o.carrier === undefined ? 'ヤマト運輸' : o.carrier)),
      orders.map((o) => (o.trackingNumber === undefined ? '1234-5678-9012' : o.trackingNumber)),
      orders.map((o) => o.shippedOn ?? null),
    ],
  );
  return rows.map((row) => row.id);
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
