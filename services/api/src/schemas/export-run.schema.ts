import { z } from 'zod';
import type { ExportRunView } from '@shopserve-sync/db';

const count = z.number().int().nonnegative();

/** A run as `GET /v1/exports/{runId}` shows it. */
export const exportRunSchema = z
  .object({
    runId: z.string(),
    trigger: z.enum(['manual', 'schedule']),
    state: z
      .enum(['queued', 'running', 'completed', 'failed'])
      .describe('completed once every order of the run has reached its outcome'),
    window: z.object({
      updatedFrom: z.string().describe('RFC 3339, included'),
      updatedTo: z.string().describe('RFC 3339, included'),
    }),
    counts: z.object({
      eligible: count,
      enqueued: count,
      skippedUnchanged: count.describe('eligible, but nothing changed since the last final outcome'),
      updated: count,
      trackingNumberMissing: count.describe('the expected terminal state of an order without a tracking number'),
      failed: count,
      pending: count.describe('enqueued and not yet ended'),
    }),
    shopIds: z
      .array(z.string())
      .nullable()
      .describe('the shops named by the trigger; null = every shop with the API option'),
    force: z.boolean(),
    badData: count.describe('orders left out for an unknown status value'),
    error: z.string().nullable().describe('why a failed run failed'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ExportRun' }) satisfies z.ZodType<ExportRunView>;

export const runIdParamsSchema = z.object({ runId: z.string().max(100) });

export const listRunsQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(20)
    .describe('how many runs, latest first (1-100, default 20)'),
});

export const runListSchema = z.object({ runs: z.array(exportRunSchema) });

export const runQueuedSchema = z.object({ runId: z.string() });

/** What a dry run lists for one eligible order. */
const dryRunOrderSchema = z.object({
  shopId: z.string(),
  orderId: z.number().int(),
  orderNumber: z.string(),
  update: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('the body that would be sent to ShopServe; null when the outcome is known without a call'),
  outcome: z
    .string()
    .optional()
    .describe('the outcome known without a call (unknown_carrier, tracking_number_missing, ...)'),
  unchanged: z.boolean().describe('a run would skip it: nothing changed since its last final outcome'),
});

export const dryRunSchema = z.object({ count: z.number().int().nonnegative(), orders: z.array(dryRunOrderSchema) });
