export { startMetricsPublisher, type MetricsPublisherOptions, type StopMetricsPublisher } from './metrics-publisher.ts';
export { aggregateMetrics, readPublishedMetrics, type MetricsSnapshot } from './published-metrics.ts';
export { metricsKey, metricsKeyPrefix } from './metrics-keys.ts';
export { metricsProcessId } from './process-id.ts';
