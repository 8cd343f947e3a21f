import type { Pool, PoolClient } from '../pool.ts';

type Queryable = Pool | PoolClient;

export type AuthFailureReason = 'unauthorized' | 'api_not_contracted';

/** A shop's ShopServe settings as shown to operators: never the auth key. */
export interface ShopSettingsView {
  shopId: string;
  shopserveShopId: string;
  orderApiEnabled: boolean;
  autoExport: boolean;
  revision: number;
  updatedAt: string;
  /** ShopServe's last 401/403 for these settings; cleared by saving them again. */
  lastAuthError: { reason: AuthFailureReason; message: string; at: string } | null;
}

/** What the worker needs to call ShopServe for a shop; stays in process memory only. */
export interface ShopCredentials {
  shopId: string;
  shopserveShopId: string;
  authKey: string;
  orderApiEnabled: boolean;
  revision: number;
  authFailure: { reason: AuthFailureReason; message: string } | null;
}

export interface SaveShopSettings {
  shopserveShopId: string;
  authKey: string;
  orderApiEnabled: boolean;
  autoExport: boolean;
}

interface SettingsRow {
  shop_id: string;
  shopserve_shop_id: string;
  auth_key: string;
  order_api_enabled: boolean;
  auto_export: boolean;
  revision: number;
  auth_failure_reason: AuthFailureReason | null;
  auth_failure_message: string | null;
  auth_failed_at: Date | null;
  auth_failure_revision: number | null;
  updated_at: Date;
}

/** A remembered 401/403 holds only for the revision it was seen with. */
function currentAuthFailure(row: SettingsRow): { reason: AuthFailureReason; message: string; at: Date } | null {
  if (row.auth_failure_reason === null || row.auth_failure_revision !== row.revision || row.auth_failed_at === null) {
    return null;
  }
  return { reason: row.auth_failure_reason, message: row.auth_failure_message ?? '', at: row.auth_failed_at };
}

function toView(row: SettingsRow): ShopSettingsView {
  const failure = currentAuthFailure(row);
  return {
    shopId: row.shop_id,
    shopserveShopId: row.shopserve_shop_id,
    orderApiEnabled: row.order_api_enabled,
    autoExport: row.auto_export,
    revision: row.revision,
    updatedAt: row.updated_at.toISOString(),
    lastAuthError: failure ? { reason: failure.reason, message: failure.message, at: failure.at.toISOString() } : null,
  };
}

/** Saves a shop's settings; every save is a new revision, which clears a remembered auth failure. */
export async function saveShopSettings(
  db: Queryable,
  shopId: string,
  settings: SaveShopSettings,
): Promise<ShopSettingsView> {
  const { rows } = await db.query<SettingsRow>(
    `INSERT INTO shopserve_sync.shop_settings (shop_id, shopserve_shop_id, auth_key, order_api_enabled, auto_export)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (shop_id) DO UPDATE
       SET shopserve_shop_id = EXCLUDED.shopserve_shop_id, auth_key = EXCLUDED.auth_key,
           order_api_enabled = EXCLUDED.order_api_enabled, auto_export = EXCLUDED.auto_export,
           revision = shop_settings.revision + 1, updated_at = now()
     RETURNING *`,
    [shopId, settings.shopserveShopId, settings.authKey, settings.orderApiEnabled, settings.autoExport],
  );
  const row = rows[0];
  if (!row) throw new Error(`settings of shop ${shopId} were not saved`);
  return toView(row);
}

export async function getShopSettings(db: Queryable, shopId: string): Promise<ShopSettingsView | null> {
  const { rows } = await db.query<SettingsRow>('SELECT * FROM shopserve_sync.shop_settings WHERE shop_id = $1', [
    shopId,
  ]);
  return rows[0] ? toView(rows[0]) : null;
}

export async function getShopCredentials(db: Queryable, shopId: string): Promise<ShopCredentials | null> {
  const { rows } = await db.query<SettingsRow>('SELECT * FROM shopserve_sync.shop_settings WHERE shop_id = $1', [
    shopId,
  ]);
  const row = rows[0];
  if (!row) return null;
  const failure = currentAuthFailure(row);
  return {
    shopId: row.shop_id,
    shopserveShopId: row.shopserve_shop_id,
    authKey: row.auth_key,
    orderApiEnabled: row.order_api_enabled,
    revision: row.revision,
    authFailure: failure ? { reason: failure.reason, message: failure.message } : null,
  };
}

/** Remembers ShopServe's 401/403 for the revision of the settings that got it. */
export async function recordAuthFailure(
  db: Queryable,
  shopId: string,
  revision: number,
  failure: { reason: AuthFailureReason; message: string },
): Promise<void> {
  await db.query(
    `UPDATE shopserve_sync.shop_settings
        SET auth_failure_reason = $3, auth_failure_message = $4, auth_failed_at = now(), auth_failure_revision = $2
      WHERE shop_id = $1 AND revision = $2`,
    [shopId, revision, failure.reason, failure.message],
  );
}

/** Shops the OMS knows with the API option on; with `autoExportOnly`, those with automatic export on too. */
export async function exportableShopIds(db: Queryable, options: { autoExportOnly: boolean }): Promise<string[]> {
  const { rows } = await db.query<{ shop_id: string }>(
    `SELECT s.shop_id FROM shopserve_sync.shop_settings s JOIN shops ON shops.id = s.shop_id
      WHERE s.order_api_enabled AND ($1::boolean = false OR s.auto_export)
      ORDER BY s.shop_id`,
    [options.autoExportOnly],
  );
  return rows.map((row) => row.shop_id);
}
