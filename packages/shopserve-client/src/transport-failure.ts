import { FAILURE_SUMMARIES } from './failure-summaries.ts';
import type { TransientFailure } from './push-result.ts';

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return errorCode((error as { cause?: unknown }).cause);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  const cause = error.cause instanceof Error && error.cause.message !== error.message ? `: ${error.cause.message}` : '';
  return `${code === undefined ? error.name : code}: ${error.message}${cause}`;
}

/**
 * A call that got no complete answer: `timedOut` when our deadline ended it, otherwise judged
 * by the error (undici's own timeouts count as timeouts, everything else as the network).
 * Both are transient and spend an attempt.
 */
export function classifyTransportError(
  error: unknown,
  context: { timedOut: boolean; timeoutMs: number },
): TransientFailure {
  const code = errorCode(error);
  if (context.timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return {
      outcome: 'transient',
      reason: 'timeout',
      message: `${FAILURE_SUMMARIES.timeout} (no complete answer within ${context.timeoutMs} ms)`,
      spendsAttempt: true,
    };
  }
  return {
    outcome: 'transient',
    reason: 'network',
    message: `${FAILURE_SUMMARIES.network} (${errorText(error)})`,
    spendsAttempt: true,
  };
}
