import { describe, expect, it } from 'vitest';
import { classifyTransportError } from './transport-failure.ts';

const context = { timedOut: false, timeoutMs: 5000 };

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyTransportError', () => {
  it('calls it a timeout when the deadline ended the call, whatever the error says', () => {
    expect(classifyTransportError(new Error('This operation was aborted'), { ...context, timedOut: true })).toEqual({
      outcome: 'transient',
      reason: 'timeout',
      message: expect.stringContaining('5000 ms') as string,
      spendsAttempt: true,
    });
  });

  it("counts undici's own timeouts as timeouts", () => {
    expect(classifyTransportError(coded('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'), context)).toMatchObject({
      reason: 'timeout',
    });
    expect(classifyTransportError(coded('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'), context)).toMatchObject({
      reason: 'timeout',
    });
  });

  it('calls anything else a network failure and says what happened', () => {
    const refused = classifyTransportError(coded('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), context);
    expect(refused).toMatchObject({ outcome: 'transient', reason: 'network', spendsAttempt: true });
    expect(refused.message).toContain('ECONNREFUSED');
    const closed = classifyTransportError(
      new Error('fetch failed', { cause: coded('other side closed', 'UND_ERR_SOCKET') }),
      context,
    );
    expect(closed.message).toContain('UND_ERR_SOCKET');
    expect(closed.message).toContain('other side closed');
    expect(classifyTransportError('a string', context)).toMatchObject({ reason: 'network' });
  });
});
