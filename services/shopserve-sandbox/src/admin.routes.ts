import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { maintenanceWindowAt, nextMaintenanceWindow } from './maintenance-window.ts';
import { orderShipping } from './order-shipping.ts';
import { publicSettings, SettingsError } from './sandbox-settings.ts';
import type { SandboxState } from './sandbox-state.ts';
import { errorBody, apiError } from './shopserve-contract.ts';

const clockBody = z.union([
  z.strictObject({ now: z.iso.datetime({ offset: true, error: 'expected an RFC 3339 timestamp with an offset' }) }),
  z.strictObject({ offsetMs: z.number().int() }),
]);

function clockView(state: SandboxState) {
  const nowMs = state.now();
  const current = maintenanceWindowAt(nowMs);
  const next = nextMaintenanceWindow(nowMs);
  return {
    now: new Date(nowMs).toISOString(),
    offsetMs: state.settings.clock.offsetMs,
    inMaintenanceWindow: current !== undefined,
    nextMaintenanceWindow: { start: new Date(next.startMs).toISOString(), end: new Date(next.endMs).toISOString() },
  };
}

/**
 * `/_sandbox`: inspect and steer the sandbox while it runs. No authentication: the sandbox is a
 * test double and never holds real keys.
 */
export function adminRoutes(state: SandboxState): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/settings', () => publicSettings(state.settings));
    app.patch('/settings', (request) => publicSettings(state.update(request.body)));
    app.put('/shops', (request) => ({ shops: publicSettings(state.update({ shops: request.body })).shops }));
    app.put('/orders', (request) => ({ orders: state.update({ orders: request.body }).orders }));

    app.get('/clock', () => clockView(state));
    app.put('/clock', (request) => {
      const parsed = clockBody.safeParse(request.body);
      if (!parsed.success) {
        throw new SettingsError([
          { field: 'now', message: 'expected {"now": "<RFC 3339>"} or {"offsetMs": <integer>}' },
        ]);
      }
      if ('now' in parsed.data) state.setNow(Date.parse(parsed.data.now));
      else state.update({ clock: { offsetMs: parsed.data.offsetMs } });
      return clockView(state);
    });

    app.get<{ Querystring: { shopId?: string; orderNumber?: string } }>('/requests', (request) => {
      const { shopId, orderNumber } = request.query;
      return { requests: state.journal.list({ shopId: shopId || undefined, orderNumber: orderNumber || undefined }) };
    });
    app.delete('/requests', () => {
      const cleared = state.journal.size;
      state.journal.clear();
      state.stats.clear();
      return { cleared };
    });

    app.get<{ Params: { shopId: string; orderNumber: string } }>('/orders/:shopId/:orderNumber', (request, reply) => {
      const order = state.orders.peek(request.params.shopId, request.params.orderNumber);
      if (order === undefined) {
        return reply.code(404).send(errorBody(apiError('ORDER_NOT_FOUND', 'the sandbox has no such order')));
      }
      return orderShipping(order);
    });

    app.post('/reset', () => {
      state.reset();
      return publicSettings(state.settings);
    });

    app.get('/stats', () => ({ perShopMaxPerSecond: state.stats.perShopMaxPerSecond(), total: state.stats.total }));

    done();
  };
}
