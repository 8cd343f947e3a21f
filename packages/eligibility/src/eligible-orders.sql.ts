import { OMS_ORDER_STATUSES, SERVICE_SCHEMA, SHOPSERVE_MALL, type OmsOrderRow } from '@shopserve-sync/db';
import { NEVER_UPDATED_RECENT_DAYS } from './check-eligibility.ts';
import type { ExportWindow } from './export-window.ts';
import { addJstDays, jstDate, oneYearBefore, startOfJstDay } from '@shopserve-sync/calendar';
import { EXPORTABLE_STATUSES } from './order-statuses.ts';

/** A parameterised statement whose rows have the type `Row` (for `pool.query<Row>(query)`). */
export interface TypedQuery<Row> {
  text: string;
  values: unknown[];
  /** Never set: carries the row type only. */
  readonly rowType?: Row;
}

export interface OrderPageSelection {
  shopId: string;
  window: ExportWindow;
  now: Date;
  /** Keyset: only orders with a larger `id`. Default 0 (the first page). */
  afterId?: number;
  /** Rows per page. */
  limit: number;
}

/**
 * The columns of `orders`, in the table's order. `shipped_on` comes back as 'YYYY-MM-DD' (the
 * `date` parser `@shopserve-sync/db` installs, loaded with this module).
 */
const ORDER_COLUMNS = [
  'id',
  'shop_id',
  'mall',
  'order_number',
  'status',
  'ordered_at',
  'updated_at',
  'carrier',
  'tracking_number',
  'shipped_on',
] as const satisfies readonly (keyof OmsOrderRow)[];

/**
 * `checkEligibility`'s rules as SQL, for one shop. The calendar bounds are computed
 * here from `now` (the same Japan-time helpers the pure rule uses) and passed as instants, so the
 * SQL does no time-zone arithmetic and each bound is a plain range on an indexed column:
 * `updated_at` on `orders_mall_shop_updated`, `ordered_at` on `orders_mall_shop_ordered`.
 *
 * `updated_at` is compared as `>= from AND < to + 1 ms`: PostgreSQL keeps microseconds and `pg`
 * cuts them off, so this is exactly `from <= updated_at <= to` on the Date the caller sees.
 * The same holds for day bounds, which fall on whole milliseconds.
 */
function selectOrders(statuses: 'exportable' | 'unknown', selection: OrderPageSelection): TypedQuery<OmsOrderRow> {
  const { shopId, window, now, afterId = 0, limit } = selection;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer: ${String(limit)}`);
  if (!Number.isSafeInteger(afterId)) throw new RangeError(`afterId must be an integer: ${String(afterId)}`);

  const today = jstDate(now);
  const instant = (date: Date) => date.toISOString();
  const values: unknown[] = [
    SHOPSERVE_MALL, // $1
    shopId, // $2
    statuses === 'exportable' ? EXPORTABLE_STATUSES : OMS_ORDER_STATUSES, // $3
    instant(startOfJstDay(oneYearBefore(today))), // $4 first instant of the one-year rule
    instant(window.from), // $5
    instant(new Date(window.to.getTime() + 1)), // $6 just after the window
    instant(startOfJstDay(addJstDays(today, -NEVER_UPDATED_RECENT_DAYS))), // $7 first instant of "recent"
    instant(startOfJstDay(addJstDays(today, 1))), // $8 first instant after today
    afterId, // $9
    limit, // $10
  ];
  const status = statuses === 'exportable' ? 'o.status = ANY ($3::text[])' : 'o.status <> ALL ($3::text[])';
  const columns = ORDER_COLUMNS.map((column) => `o.${column}`).join(', ');
  const conditions = `
       o.mall = $1
   AND o.shop_id = $2
   AND EXISTS (SELECT 1 FROM ${SERVICE_SCHEMA}.shop_settings s WHERE s.shop_id = $2 AND s.order_api_enabled)
   AND ${status}
   AND o.ordered_at >= $4::timestamptz
   AND (   (o.updated_at >= $5::timestamptz AND o.updated_at < $6::timestamptz)
        OR (o.updated_at IS NULL AND o.ordered_at >= $7::timestamptz AND o.ordered_at < $8::timestamptz))
   AND o.id > $9`;
  // First page: the planner, seeing ORDER BY id LIMIT n, would walk the primary key from the
  // oldest order, expecting matches spread evenly; but recent updates sit at the highest ids, so
  // it reads almost the whole table. Materialising the matches first makes it take them from the
  // two indexes. Later pages start at afterId, where the planner's own choice is right.
  const text =
    afterId <= 0
      ? `WITH matches AS MATERIALIZED (SELECT ${columns} FROM orders o WHERE ${conditions})
SELECT * FROM matches ORDER BY id LIMIT $10`
      : `SELECT ${columns} FROM orders o WHERE ${conditions}
 ORDER BY o.id LIMIT $10`;
  return { text, values };
}

/**
 * One keyset page (`id > afterId ORDER BY id LIMIT limit`) of the orders of one shop that
 * `checkEligibility` calls eligible. A shop without settings, or with its API option off, has none.
 */
export function eligibleOrdersQuery(selection: OrderPageSelection): TypedQuery<OmsOrderRow> {
  return selectOrders('exportable', selection);
}

/**
 * One keyset page of the orders `checkEligibility` refuses with `unknown_status`: a status the
 * OMS does not define, on an order every other rule admits. A run reports these; it never
 * exports them.
 */
export function unknownStatusOrdersQuery(selection: OrderPageSelection): TypedQuery<OmsOrderRow> {
  return selectOrders('unknown', selection);
}
