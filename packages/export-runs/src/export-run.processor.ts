import type { Job, Queue } from 'bullmq';
import { createRunForJob, failRun, type Pool } from '@shopserve-sync/db';
import { resolveExportWindow } from '@shopserve-sync/eligibility';
import { workLogger, type Logger } from '@shopserve-sync/logger';
import { exportRunJob, type ExportRunJobData, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import { scanRun, type ScanSummary } from './scan-run.ts';

export interface ExportRunProcessorDeps {
  pool: Pool;
  shippingUpdates: Queue<ShippingUpdateJobData>;
  log: Logger;
  pageSize?: number;
}

/**
 * Processes one `export-runs` job: a scheduled job first records its run (once, whatever the
 * retries), then the run is scanned. A run that keeps failing (the database away, say) is retried
 * with the job's backoff and, on its last attempt, marked failed with the reason.
 */
export async function processExportRunJob(
  deps: ExportRunProcessorDeps,
  job: Job<ExportRunJobData>,
): Promise<ScanSummary | null> {
  const data = exportRunJob.schema.parse(job.data);
  let runId: string | undefined = data.trigger === 'manual' ? data.runId : undefined;
  try {
    if (data.trigger === 'schedule') {
      // The job was added a period ago, delayed until now; a retry keeps the first attempt's window.
      const now = new Date();
      runId = await createRunForJob(deps.pool, job.id ?? `schedule-${job.timestamp}`, {
        trigger: 'schedule',
        shopIds: null,
        window: resolveExportWindow({}, now),
        force: false,
      });
    }
    if (runId === undefined) throw new Error('export run job without a run');
    const log = workLogger(deps.log, { runId, jobId: job.id });
    return await scanRun({ ...deps, log }, runId);
  } catch (error) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt && runId !== undefined) {
      const reason = error instanceof Error ? error.message : String(error);
      await failRun(
        deps.pool,
        runId,
        `the run could not be completed after ${job.attemptsMade + 1} attempts: ${reason}`,
      ).catch(
        () => undefined, // the database may be what is failing; the job's own failure still shows the reason
      );
    }
    throw error;
  }
}
