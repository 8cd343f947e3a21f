import { hostname } from 'node:os';

/** A process's id for `startMetricsPublisher`: host and pid, unique among running processes. */
export function metricsProcessId(): string {
  return `${hostname()}-${process.pid}`;
}
