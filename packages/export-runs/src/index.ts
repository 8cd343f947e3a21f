export {
  manualExportInputSchema,
  shopIdSchema,
  type ManualExportInput,
  type ParsedManualExportInput,
} from './manual-export-input.ts';
export { ExportRequestError, type ExportRequestErrorCode } from './export-request-error.ts';
export { triggerManualExport, type TriggerDeps, type TriggerResult } from './trigger-manual-export.ts';
export { dryRunExport, type DryRunOrder, type DryRunResult } from './dry-run.ts';
export { planOrderPush, type PushPlan } from './plan-order-push.ts';
export { scanRun, type ScanDeps, type ScanSummary } from './scan-run.ts';
export { processExportRunJob, type ExportRunProcessorDeps } from './export-run.processor.ts';
export { pushOrderNow, type PushOrderNowResult } from './push-order-now.ts';
