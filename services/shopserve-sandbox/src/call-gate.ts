import { authenticate, readBasicCredentials } from './basic-auth.ts';
import { drawFault, type FaultKind } from './faults.ts';
import { maintenanceRetryAfter } from './maintenance-window.ts';
import type { SandboxState } from './sandbox-state.ts';
import { apiError, type ApiError } from './shopserve-contract.ts';

export type GateDecision =
  /** No answer at all. */
  | { kind: 'silence'; fault: 'drop' | 'hang' }
  | { kind: 'refuse'; error: ApiError; fault: FaultKind | null; headers: Record<string, string> }
  | { kind: 'pass'; shopId: string; headers: Record<string, string> };

/**
 * What every `/v2` call goes through before its route's own rules, in this order: maintenance
 * (every call 503), injected faults, credentials (401), the shop's rate limit (429), the shop's
 * API contract (403). `X-RateLimit-*` headers go on every answer once the credentials are good.
 */
export function admitCall(state: SandboxState, authorization: string | undefined): GateDecision {
  const { settings, deps } = state;
  const retryAfter = maintenanceRetryAfter(settings.maintenance, state.now());
  if (retryAfter !== undefined) {
    return {
      kind: 'refuse',
      error: apiError('SERVICE_UNAVAILABLE', 'メンテナンス中です。しばらくしてから再度お試しください', {
        headers: { 'retry-after': String(retryAfter) },
      }),
      fault: null,
      headers: {},
    };
  }

  const fault = drawFault(settings.faults, deps.random);
  if (fault === 'drop' || fault === 'hang') return { kind: 'silence', fault };
  if (fault === 'error500') {
    return { kind: 'refuse', error: apiError('INTERNAL_ERROR', 'システムエラーが発生しました'), fault, headers: {} };
  }
  if (fault === 'error503') {
    return {
      kind: 'refuse',
      error: apiError('SERVICE_UNAVAILABLE', 'ただいま混み合っています'),
      fault,
      headers: {},
    };
  }

  const caller = authenticate(readBasicCredentials(authorization), state.shops, settings.lenient);
  if (!caller.ok) {
    return {
      kind: 'refuse',
      error: apiError('UNAUTHORIZED', '認証に失敗しました', {
        headers: { 'www-authenticate': 'Basic realm="ShopServe API", charset="UTF-8"' },
      }),
      fault: null,
      headers: {},
    };
  }

  const headers: Record<string, string> = {};
  const taken = state.rateLimiter.take(caller.shopId, deps.monotonicNow());
  if (taken !== undefined) {
    headers['x-ratelimit-limit'] = String(taken.limit);
    headers['x-ratelimit-remaining'] = String(taken.remaining);
    if (!taken.allowed) {
      return {
        kind: 'refuse',
        error: apiError('RATE_LIMITED', 'リクエスト数が上限を超えました', {
          headers: { 'retry-after': String(taken.retryAfterSeconds) },
        }),
        fault: null,
        headers,
      };
    }
  }

  if (!caller.contracted) {
    return {
      kind: 'refuse',
      error: apiError('API_NOT_CONTRACTED', 'このショップはAPIの利用申請がされていません'),
      fault: null,
      headers,
    };
  }
  return { kind: 'pass', shopId: caller.shopId, headers };
}
