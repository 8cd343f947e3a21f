import { z } from 'zod';
import { PUSH_OUTCOMES, type OrderSyncView } from '@shopserve-sync/db';

/** An OMS order id in a path: digits only, a positive integer a JavaScript number holds exactly. */
export const orderIdParamsSchema = z.object({
  orderId: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a positive whole number (the OMS order id)')
    .transform(Number)
    .pipe(z.number().int().positive('must be a positive whole number (the OMS order id)')),
});

export const pushQueuedSchema = z.object({
  jobId: z.string().describe('the shipping-updates job; see Bull Board or GET /v1/orders/{orderId}/sync'),
});

/** The last push of an order. */
export const orderSyncSchema = z
  .object({
    orderId: z.number().int(),
    shopId: z.string(),
    orderNumber: z.string(),
    outcome: z.enum(PUSH_OUTCOMES),
    reason: z.string().nullable().describe('why it failed; null unless outcome is failed'),
    error: z.string().nullable().describe('what went wrong, in words for an operator'),
    sent: z.unknown().describe('the body sent to ShopServe, when one was'),
    attempts: z.number().int(),
    finishedAt: z.string().describe('when the push ended (RFC 3339)'),
    jobId: z.string(),
    runId: z.string().nullable().describe('the run that enqueued it; null for a single-order push'),
  })
  .meta({ id: 'OrderSync' }) satisfies z.ZodType<OrderSyncView>;
