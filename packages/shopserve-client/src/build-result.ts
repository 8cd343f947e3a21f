import { z } from 'zod';
import { ShippingUpdate } from './shipping-update.ts';

/** Outcomes that are known without calling ShopServe. */
export const KnownOutcome = z.enum(['unknown_carrier', 'tracking_number_missing', 'invalid_data']);
export type KnownOutcome = z.infer<typeof KnownOutcome>;

/**
 * What `buildShippingUpdate` decided for one order: the update to send, or the outcome it ends
 * in without a call. A schema, so that it can travel in job data and be checked on arrival.
 */
export const BuildResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), update: ShippingUpdate }),
  z.object({ kind: z.literal('outcome'), outcome: KnownOutcome, message: z.string() }),
]);
export type BuildResult = z.infer<typeof BuildResult>;
