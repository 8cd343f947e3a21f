import { describe, expect, it } from 'vitest';
import { admitCall } from './call-gate.ts';
import { SandboxState } from './sandbox-state.ts';

const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
const inWindow = Date.parse('2026-01-21T03:00:00+09:00');

function state(settings: ConstructorParameters<typeof SandboxState>[0], random = 0.5) {
  return new SandboxState(
    {
      lenient: false,
      shops: [
        { shopId: 'shop1', authKey: 'k1' },
        { shopId: 'shop2', authKey: 'k2', contracted: false },
      ],
      ...settings,
    },
    { random: () => random, wallNow: () => inWindow, monotonicNow: () => 0 },
  );
}

function outcome(decision: ReturnType<typeof admitCall>): string {
  if (decision.kind === 'silence') return decision.fault;
  return decision.kind === 'refuse' ? decision.error.code : 'pass';
}

describe('admitCall', () => {
  it('answers maintenance before anything else, with Retry-After', () => {
    const decision = admitCall(state({ maintenance: { mode: 'schedule' }, faults: { dropRate: 1 } }), undefined);
    expect(outcome(decision)).toBe('SERVICE_UNAVAILABLE');
    expect(decision.kind === 'refuse' && decision.error.headers).toEqual({ 'retry-after': String(5 * 3600) });
  });

  it('draws faults before looking at credentials', () => {
    expect(outcome(admitCall(state({ faults: { dropRate: 1 } }), undefined))).toBe('drop');
    expect(outcome(admitCall(state({ faults: { hangRate: 1 } }), undefined))).toBe('hang');
    expect(outcome(admitCall(state({ faults: { error500Rate: 1 } }), undefined))).toBe('INTERNAL_ERROR');
    expect(outcome(admitCall(state({ faults: { error503Rate: 1 } }), undefined))).toBe('SERVICE_UNAVAILABLE');
    expect(outcome(admitCall(state({ faults: { error500Rate: 0.4 } }, 0.5), basic('shop1', 'k1')))).toBe('pass');
  });

  it('refuses bad credentials (401) before the rate limit (429) and the contract (403)', () => {
    const limited = state({ rateLimit: { perSecond: 1, burst: 1 } });
    expect(outcome(admitCall(limited, basic('shop2', 'wrong')))).toBe('UNAUTHORIZED');
    expect(outcome(admitCall(limited, basic('shop2', 'k2')))).toBe('API_NOT_CONTRACTED');
    expect(outcome(admitCall(limited, basic('shop2', 'k2')))).toBe('RATE_LIMITED');
    const refused = admitCall(limited, basic('shop2', 'k2'));
    expect(refused.kind === 'refuse' && refused.headers).toEqual({
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
    });
  });

  it('lets a good caller through with its rate-limit headers', () => {
    const decision = admitCall(state({ rateLimit: { perSecond: 5, burst: 5 } }), basic('shop1', 'k1'));
    expect(decision).toEqual({
      kind: 'pass',
      shopId: 'shop1',
      headers: { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4' },
    });
  });
});
