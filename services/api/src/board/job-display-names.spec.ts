import { describe, expect, it } from 'vitest';
import { exportRunJobName, shippingUpdateJobName, TRACKING_NUMBER_MISSING_LABEL } from './job-display-names.ts';

const data = { shopId: 'shop-001', orderId: 7, orderNumber: '10000007' };

describe('shippingUpdateJobName', () => {
  it('marks a tracking-number-missing ending as expected, with its order', () => {
    const name = shippingUpdateJobName({
      name: 'push-shipping',
      data,
      returnvalue: { outcome: 'tracking_number_missing', expected: true, explanation: '...' },
      finishedOn: 1,
    });
    expect(name).toBe(`${TRACKING_NUMBER_MISSING_LABEL} · shop-001 #10000007`);
    expect(name).toMatch(/expected/);
  });

  it('names the order of updated, failed, retrying and waiting jobs', () => {
    expect(
      shippingUpdateJobName({ name: 'push-shipping', data, returnvalue: { outcome: 'updated' }, finishedOn: 1 }),
    ).toBe('updated · shop-001 #10000007');
    expect(
      shippingUpdateJobName({ name: 'push-shipping', data, returnvalue: null, failedReason: 'x', finishedOn: 1 }),
    ).toBe('failed · shop-001 #10000007');
    expect(shippingUpdateJobName({ name: 'push-shipping', data, returnvalue: null, failedReason: 'x' })).toBe(
      'retrying · shop-001 #10000007',
    );
    expect(shippingUpdateJobName({ name: 'push-shipping', data, returnvalue: null })).toBe('push · shop-001 #10000007');
  });

  it('falls back to the job name for data it does not know', () => {
    expect(shippingUpdateJobName({ name: 'odd', data: {}, returnvalue: null })).toBe('push · odd');
    expect(shippingUpdateJobName(null)).toBe('push');
  });
});

describe('exportRunJobName', () => {
  it('tells manual runs (with their id) from scheduled ones', () => {
    expect(exportRunJobName({ name: 'manual-export', data: { trigger: 'manual', runId: 'r-1' } })).toBe(
      'manual export run r-1',
    );
    expect(exportRunJobName({ name: 'scheduled-export', data: { trigger: 'schedule' } })).toBe('scheduled export run');
    expect(exportRunJobName({ name: 'x', data: 5 })).toBe('x');
  });
});
