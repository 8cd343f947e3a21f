export { createPool, inTransaction, type CreatePoolOptions, type Pool, type PoolClient } from './pool.ts';
export { migrate, migrationsDir, SERVICE_SCHEMA } from './migrate.ts';
export {
  OMS_ORDER_STATUSES,
  SHOPSERVE_MALL,
  type OmsOrderRow,
  type OmsOrderStatus,
  type OmsShopRow,
} from './oms-tables.ts';
export * from './service-state/push-outcome.ts';
export * from './service-state/export-runs.repository.ts';
export * from './service-state/push-ledger.repository.ts';
export * from './service-state/shop-settings.repository.ts';
