import type { BuildResult, KnownOutcome } from './build-result.ts';
import { mapCarrier } from './carrier-mapping.ts';
import { normalizeSlipNumber } from './slip-number.ts';
import { CalendarDate, ShippingUpdate, SLIP_NUMBER_PATTERN } from './shipping-update.ts';

/** The OMS order fields that decide what is sent (`orders.carrier`, `tracking_number`, `shipped_on`). */
export interface ShippingSource {
  carrier: string | null;
  tracking_number: string | null;
  /** A JST calendar date `YYYY-MM-DD`, as PostgreSQL's `date` reaches us. */
  shipped_on: string | null;
}

const BLANK = /^[\s\p{Cf}]*$/u;

function outcome(kind: KnownOutcome, message: string): BuildResult {
  return { kind: 'outcome', outcome: kind, message };
}

/**
 * What to send to ShopServe for one order, following the contract's business rules:
 * `slipNumber` is the normalised tracking number; `shippingStatus: 'Shipped'` exactly when there
 * is one; `deliveryCompanyCode` is the mapped carrier; `scheduledShipDate` is `shipped_on`; each
 * left out when its source is empty. Decided without a call: a carrier that maps to no code
 * (`unknown_carrier`), nothing at all to send (`tracking_number_missing`, as ShopServe would
 * answer), and a tracking number or ship date ShopServe cannot take (`invalid_data`).
 *
 * The update's keys always come in the same order, so equal updates serialise equally.
 */
export function buildShippingUpdate(order: ShippingSource): BuildResult {
  const slipNumber = normalizeSlipNumber(order.tracking_number);
  if (slipNumber !== undefined && !SLIP_NUMBER_PATTERN.test(slipNumber)) {
    return outcome(
      'invalid_data',
      `The tracking number "${order.tracking_number ?? ''}" cannot be sent: ShopServe takes 1-40 letters, digits and hyphens only.`,
    );
  }

  const carrierGiven = order.carrier !== null && !BLANK.test(order.carrier);
  const deliveryCompanyCode = carrierGiven ? mapCarrier(order.carrier) : undefined;
  if (carrierGiven && deliveryCompanyCode === undefined) {
    return outcome('unknown_carrier', `The carrier "${order.carrier ?? ''}" matches none of ShopServe's carriers.`);
  }

  const scheduledShipDate = order.shipped_on ?? undefined;
  if (scheduledShipDate !== undefined && !CalendarDate.safeParse(scheduledShipDate).success) {
    return outcome('invalid_data', `The ship date "${scheduledShipDate}" is not a calendar date YYYY-MM-DD.`);
  }

  if (slipNumber === undefined && deliveryCompanyCode === undefined && scheduledShipDate === undefined) {
    return outcome(
      'tracking_number_missing',
      'Nothing to send: the order has no tracking number, carrier or ship date (ShopServe needs a tracking number).',
    );
  }

  const candidate = {
    ...(slipNumber === undefined ? {} : { shippingStatus: 'Shipped' as const }),
    ...(deliveryCompanyCode === undefined ? {} : { deliveryCompanyCode }),
    ...(slipNumber === undefined ? {} : { slipNumber }),
    ...(scheduledShipDate === undefined ? {} : { scheduledShipDate }),
  };
  // The last guard before the wire: whatever slipped past the rules above is not sent.
  const checked = ShippingUpdate.safeParse(candidate);
  if (!checked.success) {
    return outcome(
      'invalid_data',
      `The order's shipping data cannot be sent: ${checked.error.issues.map((i) => i.message).join('; ')}.`,
    );
  }
  return { kind: 'send', update: candidate };
}
