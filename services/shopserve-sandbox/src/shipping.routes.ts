import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyError, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { readBasicCredentials } from './basic-auth.ts';
import { admitCall } from './call-gate.ts';
import { drawLatencyMs, type FaultKind } from './faults.ts';
import type { JournalEntry } from './journal.ts';
import { parseJsonBody, type ParsedBody } from './request-body.ts';
import type { SandboxState } from './sandbox-state.ts';
import type { HandlerResult } from './shipping.handlers.ts';
import { getOrder, updateShipping } from './shipping.handlers.ts';
import { apiError, ERROR_STATUS, errorBody, type ApiError } from './shopserve-contract.ts';

/** What the journal will say about one call, filled in as the call goes. */
interface Call {
  entry: JournalEntry;
  /** The body read as the API reads it (see `parseJsonBody`). */
  body: ParsedBody;
  /** The shop the gate let through. */
  caller?: string;
  journaled: boolean;
}

const NO_BODY = parseJsonBody(undefined, undefined);

interface OrderParams {
  orderNumber: string;
}

/** The journal keeps a body as JSON when it is JSON, else as the text that came. */
function journalBody(raw: string | undefined, parsed: ParsedBody): unknown {
  if (parsed.ok) return parsed.value;
  return raw === undefined || raw === '' ? null : raw;
}

/**
 * The contract's routes under `/v2`. Hooks carry what every call shares (statistics, latency,
 * the gate, the journal); the handlers only translate between HTTP and `shipping.handlers.ts`.
 */
export function shippingRoutes(state: SandboxState): FastifyPluginCallback {
  return (app, _options, done) => {
    const calls = new WeakMap<FastifyRequest, Call>();

    function finish(call: Call, status: number | null): void {
      if (call.journaled) return;
      call.journaled = true;
      call.entry.status = status;
      state.journal.record(call.entry);
    }

    function sendError(request: FastifyRequest, reply: FastifyReply, error: ApiError, fault: FaultKind | null = null) {
      const call = calls.get(request);
      if (call) {
        call.entry.code = error.code;
        call.entry.fault = fault;
      }
      return reply
        .code(ERROR_STATUS[error.code])
        .headers(error.headers ?? {})
        .send(errorBody(error));
    }

    function sendResult(request: FastifyRequest, reply: FastifyReply, result: HandlerResult) {
      return result.ok ? reply.code(200).send(result.body) : sendError(request, reply, result.error);
    }

    function callerOf(request: FastifyRequest): string {
      const caller = calls.get(request)?.caller;
      if (caller === undefined) throw new Error('a /v2 handler ran without the gate');
      return caller;
    }

    // Bodies arrive as text whatever their type: rule 1 decides what is acceptable, after the gate.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, parsed) => {
      parsed(null, body);
    });

    app.addHook('onRequest', (request, _reply, next) => {
      const credentials = readBasicCredentials(request.headers.authorization);
      state.stats.record(credentials?.shopId, state.deps.monotonicNow());
      const { orderNumber } = request.params as Partial<OrderParams>;
      calls.set(request, {
        journaled: false,
        body: NO_BODY,
        entry: {
          at: new Date(state.now()).toISOString(),
          method: request.method,
          path: request.url.split('?', 1)[0] ?? request.url,
          shopId: credentials?.shopId ?? null,
          orderNumber: orderNumber ?? null,
          body: null,
          status: null,
          code: null,
          fault: null,
        },
      });
      next();
    });

    app.addHook('preHandler', async (request, reply) => {
      const call = calls.get(request);
      if (call === undefined) return;
      const raw = typeof request.body === 'string' ? request.body : undefined;
      if (raw !== undefined) {
        call.body = parseJsonBody(raw, request.headers['content-type']);
        call.entry.body = journalBody(raw, call.body);
      }
      const latencyMs = drawLatencyMs(state.settings.latency, state.deps.random);
      if (latencyMs > 0) await delay(latencyMs);

      const decision = admitCall(state, request.headers.authorization);
      if (decision.kind === 'silence') {
        call.entry.fault = decision.fault;
        finish(call, null);
        reply.hijack();
        if (decision.fault === 'drop') request.raw.socket.destroy();
        return reply;
      }
      reply.headers(decision.headers);
      if (decision.kind === 'refuse') return sendError(request, reply, decision.error, decision.fault);
      call.caller = decision.shopId;
    });

    app.addHook('onResponse', (request, reply, next) => {
      const call = calls.get(request);
      if (call) finish(call, reply.statusCode);
      next();
    });

    app.get<{ Params: OrderParams }>('/orders/:orderNumber', (request, reply) =>
      sendResult(request, reply, getOrder(state, callerOf(request), request.params.orderNumber)),
    );

    app.patch<{ Params: OrderParams }>('/orders/:orderNumber/shipping', (request, reply) =>
      sendResult(
        request,
        reply,
        updateShipping(state, callerOf(request), request.params.orderNumber, calls.get(request)?.body ?? NO_BODY),
      ),
    );

    app.setNotFoundHandler((request, reply) =>
      sendError(request, reply, apiError('ORDER_NOT_FOUND', 'このURLには何もありません')),
    );

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.statusCode !== undefined && error.statusCode < 500) {
        return sendError(
          request,
          reply,
          apiError('VALIDATION_ERROR', '入力内容に誤りがあります', {
            details: [{ field: 'body', message: error.message }],
          }),
        );
      }
      request.log.error({ err: error }, 'sandbox handler failed');
      return sendError(request, reply, apiError('INTERNAL_ERROR', 'システムエラーが発生しました'));
    });

    done();
  };
}
