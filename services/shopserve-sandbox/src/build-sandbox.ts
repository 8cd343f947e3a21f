import fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from '@shopserve-sync/logger';
import { adminRoutes } from './admin.routes.ts';
import { SettingsError, type SandboxSettingsInput } from './sandbox-settings.ts';
import { SandboxState, type SandboxDependencies } from './sandbox-state.ts';
import { shippingRoutes } from './shipping.routes.ts';
import { apiError, errorBody } from './shopserve-contract.ts';

export interface BuildSandboxOptions {
  /** Default: no logging at all. */
  logger?: Logger;
  /** Fastify's per-request lines; off by default, as they cost more than the sandbox's own work. */
  logRequests?: boolean;
  /** Chance and clocks, for tests; ignored when a `SandboxState` is passed. */
  deps?: Partial<SandboxDependencies>;
}

/**
 * The sandbox as a Fastify app that is not listening yet (`inject` works on it). Pass settings,
 * or a `SandboxState` to keep a handle on what the app holds.
 */
export function buildSandbox(
  settings: SandboxSettingsInput | SandboxState = {},
  options: BuildSandboxOptions = {},
): FastifyInstance {
  const state = settings instanceof SandboxState ? settings : new SandboxState(settings, options.deps);
  const logger: FastifyBaseLogger | undefined = options.logger;
  const app = fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: options.logRequests !== true }),
    // Hung calls must not keep `close()` waiting.
    forceCloseConnections: true,
    // Longer order numbers reach the handler, which answers them like the contract (404).
    routerOptions: { maxParamLength: 2048 },
  });

  app.setErrorHandler((error: FastifyError | SettingsError, request, reply) => {
    if (error instanceof SettingsError) {
      return reply
        .code(400)
        .send(errorBody(apiError('VALIDATION_ERROR', 'invalid sandbox settings', { details: error.details })));
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody(apiError('VALIDATION_ERROR', error.message)));
    }
    request.log.error({ err: error }, 'sandbox admin route failed');
    return reply.code(500).send(errorBody(apiError('INTERNAL_ERROR', 'the sandbox failed')));
  });

  void app.register(shippingRoutes(state), { prefix: '/v2' });
  void app.register(adminRoutes(state), { prefix: '/_sandbox' });
  return app;
}
