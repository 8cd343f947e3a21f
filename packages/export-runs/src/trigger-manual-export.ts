import type { Queue } from 'bullmq';
import { createRun, failRun, type Pool } from '@shopserve-sync/db';
import { resolveExportWindow } from '@shopserve-sync/eligibility';
import { addManualExportRun, type ExportRunJobData } from '@shopserve-sync/queue';
import { dryRunExport, type DryRunResult } from './dry-run.ts';
import type { ParsedManualExportInput } from './manual-export-input.ts';
import { resolveRequestedShops } from './requested-shops.ts';

export interface TriggerDeps {
  pool: Pool;
  exportRuns: Queue<ExportRunJobData>;
}

export type TriggerResult = { kind: 'queued'; runId: string } | ({ kind: 'dry_run' } & DryRunResult);

/**
 * A manual export ("update shipping info"): checks the shops, then records the run and adds its
 * job — or, for a dry run, lists what would be sent and pushes nothing. A run whose job cannot be
 * added is marked failed, so no run waits forever for a job that does not exist.
 */
export async function triggerManualExport(
  deps: TriggerDeps,
  input: ParsedManualExportInput,
  now: Date = new Date(),
): Promise<TriggerResult> {
  const shopIds = await resolveRequestedShops(deps.pool, input.shopIds);
  const window = resolveExportWindow(input, now);
  if (input.dryRun) {
    return { kind: 'dry_run', ...(await dryRunExport(deps.pool, { shopIds, window, now, force: input.force })) };
  }
  const runId = await createRun(deps.pool, {
    trigger: 'manual',
    shopIds: input.shopIds === undefined ? null : shopIds,
    window,
    force: input.force,
  });
  try {
    await addManualExportRun(deps.exportRuns, runId);
  } catch (error) {
    await failRun(deps.pool, runId, `could not be enqueued: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  return { kind: 'queued', runId };
}
