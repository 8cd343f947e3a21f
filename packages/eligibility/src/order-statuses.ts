import { OMS_ORDER_STATUSES, type OmsOrderStatus } from '@shopserve-sync/db';

/** Known states that are never exported: 新規受付, 保留, キャンセル. */
export const NEVER_EXPORTED_STATUSES = ['new', 'on_hold', 'cancelled'] as const satisfies readonly OmsOrderStatus[];

const neverExported: ReadonlySet<string> = new Set(NEVER_EXPORTED_STATUSES);

/** The known states an order may be exported in. */
export const EXPORTABLE_STATUSES: readonly OmsOrderStatus[] = OMS_ORDER_STATUSES.filter(
  (status) => !neverExported.has(status),
);

const known: ReadonlySet<string> = new Set(OMS_ORDER_STATUSES);

export function isKnownStatus(status: string): status is OmsOrderStatus {
  return known.has(status);
}

export function isNeverExportedStatus(status: string): boolean {
  return neverExported.has(status);
}
