export { createWorkers, type ServiceWorkers, type WorkerDeps } from './create-workers.ts';
export { workerTiming, STALLED_INTERVAL_MS, MAX_STALLED_COUNT, type WorkerTiming } from './worker-timing.ts';
export { createWorkerMetrics, type WorkerMetrics } from './worker-metrics.ts';
export {
  processShippingUpdate,
  TRACKING_NUMBER_MISSING_EXPLANATION,
  type PushDeps,
  type PushReturnValue,
} from './push-shipping.processor.ts';
export { decidePush, type AttemptContext, type PushDecision } from './push-decision.ts';
export { createShopPacing, pacingLimits, JITTER_ALLOWANCE_MS, type ShopPacing, type Turn } from './shop-pacing.ts';
export { PushFailedError, PushRetryError } from './push-errors.ts';
