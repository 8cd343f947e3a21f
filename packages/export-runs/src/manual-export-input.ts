import { z } from 'zod';
import { exportWindowFields, refineExportWindowOrder } from '@shopserve-sync/eligibility';

/** An OMS shop id as the API takes it. */
export const shopIdSchema = z.string().min(1, 'must be 1-64 characters').max(64, 'must be 1-64 characters');

/**
 * The body of a manual trigger (`POST /v1/exports`), strict: unknown fields, an empty `shopIds`,
 * a shop id outside 1–64 characters, a date that does not exist or `updatedFrom` after
 * `updatedTo` are refused.
 */
export const manualExportInputSchema = z
  .strictObject({
    shopIds: z.array(shopIdSchema).min(1, 'must name at least one shop').max(1_000).optional(),
    ...exportWindowFields,
    force: z.boolean().default(false),
    dryRun: z.boolean().default(false),
  })
  .superRefine(refineExportWindowOrder);

export type ManualExportInput = z.input<typeof manualExportInputSchema>;
export type ParsedManualExportInput = z.output<typeof manualExportInputSchema>;
