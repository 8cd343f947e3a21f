export {
  DEMO_DEFAULT_ORDERS_PER_SHOP,
  DEMO_DEFAULT_SEED,
  FIRST_ORDER_NUMBER,
  generateDemoData,
  type DemoData,
  type DemoOrderRow,
  type GenerateDemoDataOptions,
} from './generate-demo-data.ts';
export { seedDemoData, type SeedDemoDataOptions, type SeedDemoResult } from './seed-demo-data.ts';
export { DEMO_SHOPS, type DemoShop, type DemoShopSettingsRow } from './demo-shops.ts';
export {
  DASH_LOOK_ALIKES,
  DEMO_CARRIER_SPELLINGS,
  DEMO_UNKNOWN_CARRIER,
  type DemoCarrierCode,
} from './demo-carriers.ts';
export { DEMO_BAD_STATUSES } from './demo-cases.ts';
