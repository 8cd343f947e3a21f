import type { OmsShopRow } from '@shopserve-sync/db';

/** One row of `shopserve_sync.shop_settings` as the demo writes it (the settings screen's fields). */
export interface DemoShopSettingsRow {
  shop_id: string;
  shopserve_shop_id: string;
  auth_key: string;
  order_api_enabled: boolean;
  auto_export: boolean;
}

export interface DemoShop {
  shop: OmsShopRow;
  /** `null`: the shop has never opened ShopServe's settings screen. */
  settings: Omit<DemoShopSettingsRow, 'shop_id'> | null;
  /** The carrier this shop's operators type most often. */
  usualCarrier: string;
  /** How the shop's orders spread over malls. */
  malls: readonly { mall: string; weight: number }[];
}

const mostlyShopServe = [
  { mall: 'shopserve', weight: 85 },
  { mall: 'rakuten', weight: 10 },
  { mall: 'yahoo', weight: 5 },
] as const;

/** Plainly not a secret: demo keys say so, so that nobody mistakes one for a real key. */
function demoAuthKey(shopserveShopId: string): string {
  return `demo-auth-key-${shopserveShopId}`;
}

function settings(shopserveShopId: string, orderApiEnabled: boolean, autoExport: boolean) {
  return {
    shopserve_shop_id: shopserveShopId,
    auth_key: demoAuthKey(shopserveShopId),
    order_api_enabled: orderApiEnabled,
    auto_export: autoExport,
  };
}

/**
 * The demo's shops. Most use ShopServe's Order API with automatic export; `shop-004` uses the API
 * but exports only by hand; `shop-005` has automatic export ticked but no API option, which the
 * scheduled export must still leave alone; `shop-006` sells only on other malls and has no
 * ShopServe settings at all.
 */
export const DEMO_SHOPS: readonly DemoShop[] = [
  {
    shop: { id: 'shop-001', name: 'さくら雑貨店' },
    settings: settings('sakura-zakka', true, true),
    usualCarrier: 'ヤマト運輸',
    malls: mostlyShopServe,
  },
  {
    shop: { id: 'shop-002', name: '北海道おやつ本舗' },
    settings: settings('hokkaido-oyatsu', true, true),
    usualCarrier: '佐川急便',
    malls: mostlyShopServe,
  },
  {
    shop: { id: 'shop-003', name: '京都茶寮 はなみずき' },
    settings: settings('kyoto-hanamizuki', true, true),
    usualCarrier: 'ゆうパック',
    malls: mostlyShopServe,
  },
  {
    shop: { id: 'shop-004', name: 'アウトドア工房やまびこ' },
    settings: settings('yamabiko-outdoor', true, false),
    usualCarrier: '西濃運輸',
    malls: mostlyShopServe,
  },
  {
    shop: { id: 'shop-005', name: '湘南サーフ商会' },
    settings: settings('shonan-surf', false, true),
    usualCarrier: 'ヤマト',
    malls: mostlyShopServe,
  },
  {
    shop: { id: 'shop-006', name: 'ひだまりベーカリー' },
    settings: null,
    usualCarrier: 'クロネコヤマト',
    malls: [
      { mall: 'rakuten', weight: 70 },
      { mall: 'yahoo', weight: 30 },
    ],
  },
];

/** The shops whose orders the export picks up on its own: API option and automatic export on. */
export const DEMO_AUTO_EXPORT_SHOPS: readonly DemoShop[] = DEMO_SHOPS.filter(
  (shop) => shop.settings?.order_api_enabled === true && shop.settings.auto_export,
);
