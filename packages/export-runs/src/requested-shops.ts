import { exportableShopIds, type Pool } from '@shopserve-sync/db';
import { ExportRequestError } from './export-request-error.ts';

/**
 * The shops a manual trigger covers: the named ones, each of which must be known to the OMS
 * (else 404) and have the API option on (else 409); without names, every shop with the option on.
 */
export async function resolveRequestedShops(pool: Pool, shopIds: readonly string[] | undefined): Promise<string[]> {
  if (shopIds === undefined) return exportableShopIds(pool, { autoExportOnly: false });
  const unique = [...new Set(shopIds)];
  const { rows } = await pool.query<{ id: string; known: boolean; enabled: boolean }>(
    `SELECT requested.id, shops.id IS NOT NULL AS known, COALESCE(settings.order_api_enabled, false) AS enabled
       FROM unnest($1::text[]) AS requested (id)
       LEFT JOIN shops ON shops.id = requested.id
       LEFT JOIN shopserve_sync.shop_settings settings ON settings.shop_id = requested.id`,
    [unique],
  );
  const unknown = rows.filter((row) => !row.known).map((row) => row.id);
  if (unknown.length > 0) throw new ExportRequestError('shop_not_found', unknown);
  const disabled = rows.filter((row) => !row.enabled).map((row) => row.id);
  if (disabled.length > 0) throw new ExportRequestError('api_option_off', disabled);
  return unique;
}
