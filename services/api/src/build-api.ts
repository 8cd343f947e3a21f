import Fastify, {
  LogController,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Logger } from '@shopserve-sync/logger';
import type { ApiDeps } from './api-deps.ts';
import { bullBoardPlugin } from './board/bull-board.plugin.ts';
import { apiErrorHandler } from './errors/error-handler.ts';
import { createApiMetrics } from './metrics/api-metrics.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { metricsRoutes } from './routes/metrics.routes.ts';
import { v1Routes } from './routes/v1.routes.ts';

export const BOARD_PATH = '/admin/queues';
export const DOCS_PATH = '/docs';

/** The built API: a Fastify instance logging through the service's pino logger. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger>;

const DEFAULTS = { rateLimitPerMinute: 600, bodyLimitBytes: 1024 * 1024, readinessTimeoutMs: 1_500 };

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new Error(`${name} must be set: the API refuses to start without it`);
  return value;
}

/**
 * The API as a Fastify instance, not yet listening: the `/v1` routes behind the bearer token,
 * health and readiness, Prometheus metrics, the OpenAPI document and Swagger UI at `/docs`
 * (generated from the same zod schemas that validate), and Bull Board at `/admin/queues`
 * behind HTTP Basic. The caller owns the connections in `deps` and closes them after `app.close()`.
 */
export async function buildApi(deps: ApiDeps): Promise<Api> {
  const { config, pool, queues, redis, log } = deps;
  const options = { ...DEFAULTS, ...deps.options };
  const apiToken = required(config.API_TOKEN, 'API_TOKEN');
  const board = {
    username: required(config.BOARD_USERNAME, 'BOARD_USERNAME'),
    password: required(config.BOARD_PASSWORD, 'BOARD_PASSWORD'),
  };

  const app = Fastify({
    loggerInstance: log,
    // Requests to the /v1 routes are logged; probes, scrapes, docs and Bull Board's polling are not.
    logController: new LogController({ disableRequestLogging: (request) => !request.url.startsWith('/v1/') }),
    bodyLimit: options.bodyLimitBytes,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(apiErrorHandler(redis));
  app.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `There is no route ${request.method} ${request.url.split('?')[0] ?? ''}.` }),
  );

  // An empty body with a JSON content type is no body, as if none were sent.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done); // callback style: it answers through `done`
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // Swagger UI and Bull Board style themselves inline; Bull Board loads its fonts from Google.
        'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
        'font-src': ["'self'", 'data:', 'https://fonts.gstatic.com'],
        'img-src': ["'self'", 'data:', 'https:'],
        // Served over plain HTTP on a private network: do not rewrite its links to https.
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      code: 'FST_ERR_RATE_LIMITED',
      message: `Too many requests: at most ${context.max} a minute from one address; try again in ${context.after}.`,
    }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'shopserve-sync API',
        version: '1.0.0',
        description:
          'Pushes shipping info (tracking number, carrier, ship date) of OMS orders to E-store ShopServe. Every /v1 route needs "Authorization: Bearer $API_TOKEN".',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      tags: [
        { name: 'exports', description: 'Export runs: manual triggers and their progress' },
        { name: 'orders', description: 'Single orders: push now, last push' },
        { name: 'shops', description: "Shops' ShopServe settings" },
        { name: 'operations', description: 'Health, readiness, metrics' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });

  await app.register(healthRoutes, { pool, redis, timeoutMs: options.readinessTimeoutMs });
  await app.register(metricsRoutes, {
    metrics: createApiMetrics({ pool, queues, redis, prefix: config.QUEUE_PREFIX, log }),
  });
  await app.register(v1Routes, { prefix: '/v1', apiToken, pool, queues, redis });
  await app.register(bullBoardPlugin, { prefix: BOARD_PATH, basePath: BOARD_PATH, queues, redis, credentials: board });
  return app;
}
