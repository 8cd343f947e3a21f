export interface FaultRates {
  error500Rate: number;
  error503Rate: number;
  hangRate: number;
  dropRate: number;
}

export type FaultKind = 'drop' | 'hang' | 'error500' | 'error503';

const ORDER: readonly [FaultKind, keyof FaultRates][] = [
  ['drop', 'dropRate'],
  ['hang', 'hangRate'],
  ['error500', 'error500Rate'],
  ['error503', 'error503Rate'],
];

/**
 * The fault a call meets, if any: each kind is drawn in turn (drop, hang, 500, 503) with its own
 * probability, and the first that hits wins.
 */
export function drawFault(rates: FaultRates, random: () => number): FaultKind | undefined {
  for (const [kind, rate] of ORDER) {
    if (rates[rate] > 0 && random() < rates[rate]) return kind;
  }
  return undefined;
}

/** The delay before a call is answered: fixed plus a uniform share of the jitter. */
export function drawLatencyMs(latency: { fixedMs: number; jitterMs: number }, random: () => number): number {
  return latency.fixedMs + (latency.jitterMs > 0 ? Math.round(random() * latency.jitterMs) : 0);
}
