export { parseRfc3339 } from './rfc3339.ts';
export {
  DEFAULT_WINDOW_MS,
  exportWindowFields,
  exportWindowInputSchema,
  refineExportWindowOrder,
  resolveExportWindow,
  type ExportWindow,
  type ExportWindowInput,
  type ParsedExportWindowInput,
} from './export-window.ts';
export {
  EXPORTABLE_STATUSES,
  NEVER_EXPORTED_STATUSES,
  isKnownStatus,
  isNeverExportedStatus,
} from './order-statuses.ts';
export {
  INELIGIBILITY_REASONS,
  NEVER_UPDATED_RECENT_DAYS,
  checkEligibility,
  type Eligibility,
  type EligibilityOrder,
  type IneligibilityReason,
  type ShopExportSettings,
} from './check-eligibility.ts';
export {
  eligibleOrdersQuery,
  unknownStatusOrdersQuery,
  type OrderPageSelection,
  type TypedQuery,
} from './eligible-orders.sql.ts';
export { orderPages, type Queryable } from './order-pages.ts';
