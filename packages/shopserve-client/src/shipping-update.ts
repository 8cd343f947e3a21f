import { z } from 'zod';
import { parseCalendarDate } from '@shopserve-sync/calendar';
import { DeliveryCompanyCode } from './delivery-company.ts';

/** What ShopServe accepts as a slip number (伝票番号): ASCII letters, digits and hyphens, 1–40. */
export const SLIP_NUMBER_PATTERN = /^[0-9A-Za-z-]{1,40}$/;

/** A calendar date in Japan time, `YYYY-MM-DD`, that exists (no 2026-02-30). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isRealDate, 'expected a date that exists');

/**
 * A `YYYY-MM-DD` that names a day of the calendar, years 0100–9999 as ShopServe's own check reads
 * them (`Date.UTC` takes years below 100 as 19xx).
 */
function isRealDate(value: string): boolean {
  const parts = parseCalendarDate(value);
  return parts !== undefined && parts.year >= 100;
}

/**
 * The body of `PATCH /v2/orders/{orderNumber}/shipping`. Fields left out are not changed on
 * ShopServe; at least one field must be present.
 */
export const ShippingUpdate = z
  .strictObject({
    shippingStatus: z.literal('Shipped').optional(),
    deliveryCompanyCode: DeliveryCompanyCode.optional(),
    slipNumber: z.string().regex(SLIP_NUMBER_PATTERN, 'expected 1-40 ASCII letters, digits or hyphens').optional(),
    scheduledShipDate: CalendarDate.optional(),
  })
  .refine(
    (update) => Object.values(update).some((value: unknown) => value !== undefined),
    'an empty update is not a request',
  );
export type ShippingUpdate = z.infer<typeof ShippingUpdate>;
