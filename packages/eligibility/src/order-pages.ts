import type { OrderPageSelection, TypedQuery } from './eligible-orders.sql.ts';

/** Anything that runs a query: a `Pool` or a `PoolClient` of `@shopserve-sync/db`. */
export interface Queryable {
  query<Row>(query: TypedQuery<Row>): Promise<{ rows: Row[] }>;
}

/**
 * Every page of a keyset query, one page in memory at a time. Each page starts after the last
 * `id` of the one before, so no order comes twice and orders added meanwhile shift no page.
 * Stops at the first page shorter than `limit`; `afterId` resumes after a known order.
 */
export async function* orderPages<Row extends { id: number }>(
  db: Queryable,
  query: (selection: OrderPageSelection) => TypedQuery<Row>,
  selection: OrderPageSelection,
): AsyncGenerator<Row[], void, undefined> {
  let afterId = selection.afterId ?? 0;
  for (;;) {
    const { rows } = await db.query(query({ ...selection, afterId }));
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < selection.limit) return;
    afterId = last.id;
  }
}
