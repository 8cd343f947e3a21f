import { z } from 'zod';

/** What Bull Board hands a name formatter: the job as `job.toJSON()` gives it. */
const boardJobSchema = z.object({
  name: z.string().optional(),
  data: z.unknown().optional(),
  returnvalue: z.unknown().optional(),
  failedReason: z.string().optional(),
  finishedOn: z.number().optional(),
});

const orderOfJobSchema = z.object({ shopId: z.string(), orderNumber: z.string() });
const returnOutcomeSchema = z.object({ outcome: z.string() });
const runOfJobSchema = z.object({ trigger: z.enum(['manual', 'schedule']), runId: z.string().optional() });

export const TRACKING_NUMBER_MISSING_LABEL =
  'tracking number missing — expected (ShopServe cannot take a carrier without one)';

function orderLabel(data: unknown): string | undefined {
  const order = orderOfJobSchema.safeParse(data);
  return order.success ? `${order.data.shopId} #${order.data.orderNumber}` : undefined;
}

/**
 * How a `shipping-updates` job is named in Bull Board: the order it pushes and, once it ended,
 * how. A tracking-number-missing ending reads as expected, never as an error; a failed job names
 * its order so that an operator can find it in the OMS.
 */
export function shippingUpdateJobName(job: unknown): string {
  const parsed = boardJobSchema.safeParse(job);
  if (!parsed.success) return 'push';
  const { name = 'push', data, returnvalue, failedReason, finishedOn } = parsed.data;
  const order = orderLabel(data) ?? name;
  const outcome = returnOutcomeSchema.safeParse(returnvalue);
  if (outcome.success && outcome.data.outcome === 'tracking_number_missing')
    return `${TRACKING_NUMBER_MISSING_LABEL} · ${order}`;
  if (outcome.success && outcome.data.outcome === 'updated') return `updated · ${order}`;
  if (failedReason !== undefined && finishedOn !== undefined) return `failed · ${order}`;
  if (failedReason !== undefined) return `retrying · ${order}`;
  return `push · ${order}`;
}

/** How an `export-runs` job is named in Bull Board: manual (with its run id) or scheduled. */
export function exportRunJobName(job: unknown): string {
  const parsed = boardJobSchema.safeParse(job);
  if (!parsed.success) return 'export run';
  const run = runOfJobSchema.safeParse(parsed.data.data);
  if (!run.success) return parsed.data.name ?? 'export run';
  return run.data.trigger === 'manual' ? `manual export run ${run.data.runId ?? ''}`.trim() : 'scheduled export run';
}
