import { z } from 'zod';

/**
 * ShopServe's carrier codes (`DeliveryCompanyCode` in the contract):
 * YAMATO ヤマト運輸 · SAGAWA 佐川急便 · JAPANPOST 日本郵便 · SEINO 西濃運輸 ·
 * FUKUYAMA 福山通運 · ECOHAI エコ配 · TONAMI トナミ運輸 · KANGAROO 西濃カンガルー便
 */
export const DELIVERY_COMPANY_CODES = [
  'YAMATO',
  'SAGAWA',
  'JAPANPOST',
  'SEINO',
  'FUKUYAMA',
  'ECOHAI',
  'TONAMI',
  'KANGAROO',
] as const;

export const DeliveryCompanyCode = z.enum(DELIVERY_COMPANY_CODES);
export type DeliveryCompanyCode = z.infer<typeof DeliveryCompanyCode>;
