import { z } from 'zod';
import { DeliveryCompanyCode } from './delivery-company.ts';

/** An order's shipping state on ShopServe, as `GET /v2/orders/{n}` and a successful PATCH answer. */
export const OrderShipping = z.object({
  orderNumber: z.string(),
  orderStatus: z.enum(['Active', 'Cancelled']),
  shippingStatus: z.enum(['Unshipped', 'Shipped']),
  deliveryCompanyCode: DeliveryCompanyCode.nullable().optional(),
  slipNumber: z.string().nullable().optional(),
  scheduledShipDate: z.string().nullable().optional(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type OrderShipping = z.infer<typeof OrderShipping>;
