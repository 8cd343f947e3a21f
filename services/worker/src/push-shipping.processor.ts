import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';
import {
  recordAuthFailure,
  type FailureReason,
  type Pool,
  type PushOutcomeRecord,
  type ShopCredentials,
} from '@shopserve-sync/db';
import { shippingUpdateJob, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import type { ShippingUpdate, ShopServeClient } from '@shopserve-sync/shopserve-client';
import {
  API_OPTION_OFF,
  exhaustedMessage,
  failureMessage,
  NO_SETTINGS,
  refusedEarlierSaid,
  type OrderRef,
} from './failure-message.ts';
import type { OutcomeWriter } from './outcome-writer.ts';
import { decidePush } from './push-decision.ts';
import { PushFailedError, PushRetryError } from './push-errors.ts';
import type { ShopPacing, Turn } from './shop-pacing.ts';
import { AuthFailure, type ShopSettingsCache } from './shop-settings.cache.ts';
import { callStatusLabel, type WorkerMetrics } from './worker-metrics.ts';
import { firstBackoffMs } from './worker-timing.ts';

/**
 * A wait for the shop's turn this short is cheaper in the worker than through the delayed set
 * (which brings a job back tens of milliseconds late, making its call later still).
 */
const SHORT_WAIT_MS = 100;

/** Short waits for the shop's turn in a row, before the job leaves for the delayed set after all. */
const MAX_SHORT_WAITS = 3;

/**
 * How much earlier than its slot a job waiting in the delayed set comes back: BullMQ brings
 * delayed jobs back a few ms late, and a late call is a lost share of the shop's limit.
 */
const DELAYED_SET_LEAD_MS = 20;

export const TRACKING_NUMBER_MISSING_EXPLANATION =
  'Tracking number missing — expected: ShopServe cannot take a carrier without a tracking number; the order is exported again once the OMS has one.';

/** What a completed push job returns (shown in Bull Board). */
export type PushReturnValue =
  | { outcome: 'updated'; shopId: string; orderNumber: string; sent: ShippingUpdate; attempts: number }
  | {
      outcome: 'tracking_number_missing';
      /** Not a failure: the seed's expected terminal state for an order without a tracking number. */
      expected: true;
      explanation: string;
      /** What ShopServe (or the payload builder, when nothing was sent) said. */
      detail: string;
      shopId: string;
      orderNumber: string;
      sent: ShippingUpdate | null;
      attempts: number;
    };

export interface PushDeps {
  pool: Pool;
  /** Where outcomes are recorded (with those of other pushes ending at the same time). */
  outcomes: OutcomeWriter;
  client: ShopServeClient;
  settings: ShopSettingsCache;
  pacing: ShopPacing;
  metrics: WorkerMetrics;
  freeWaitingForMs: number;
}

type PushJob = Job<ShippingUpdateJobData, PushReturnValue>;

/**
 * One run of one push job: what its steps share. (Plain functions over it, not closures made per
 * job: under tsx every function made is also named at run time, a cost per job for nothing.)
 */
interface Push {
  deps: PushDeps;
  job: PushJob;
  token: string | undefined;
  data: ShippingUpdateJobData;
  order: OrderRef;
  attempts: number;
  jobId: string;
}

async function record(
  push: Push,
  fields: Pick<PushOutcomeRecord, 'outcome' | 'reason' | 'error' | 'sent'>,
): Promise<void> {
  const { data } = push;
  await push.deps.outcomes.record({
    jobId: push.jobId,
    orderId: data.orderId,
    shopId: data.shopId,
    orderNumber: data.orderNumber,
    runId: data.runId,
    contentHash: data.contentHash,
    attempts: push.attempts,
    ...fields,
  });
}

async function failed(
  push: Push,
  reason: FailureReason,
  message: string,
  sent?: ShippingUpdate,
): Promise<PushFailedError> {
  await record(push, { outcome: 'failed', reason, error: message, sent });
  return new PushFailedError(reason, message);
}

async function trackingNumberMissing(
  push: Push,
  detail: string,
  sent: ShippingUpdate | null,
): Promise<PushReturnValue> {
  await record(push, { outcome: 'tracking_number_missing', sent: sent ?? undefined });
  return {
    outcome: 'tracking_number_missing',
    expected: true,
    explanation: TRACKING_NUMBER_MISSING_EXPLANATION,
    detail,
    ...push.order,
    sent,
    attempts: push.attempts,
  };
}

/** Waits in the delayed set without spending an attempt. */
async function waitFor(push: Push, delayMs: number): Promise<DelayedError> {
  await push.job.moveToDelayed(Date.now() + Math.max(0, Math.ceil(delayMs)), push.token);
  return new DelayedError();
}

/** The shop's settings as they stand, or the recorded failure that they allow no call. */
async function usableCredentials(push: Push, fresh: boolean): Promise<ShopCredentials> {
  const { deps, data, order } = push;
  const credentials = await deps.settings.get(data.shopId, { fresh });
  if (credentials === null)
    throw await failed(
      push,
      NO_SETTINGS.reason,
      failureMessage(order, NO_SETTINGS.reason, NO_SETTINGS.said, NO_SETTINGS.advice),
    );
  if (!credentials.orderApiEnabled) {
    throw await failed(
      push,
      API_OPTION_OFF.reason,
      failureMessage(order, API_OPTION_OFF.reason, API_OPTION_OFF.said, API_OPTION_OFF.advice),
    );
  }
  const refused = credentials.authFailure ?? deps.settings.authFailure(data.shopId, credentials.revision);
  if (refused === undefined) return credentials;
  // Saving the settings takes effect at once: a refusal counts only for the revision as saved now.
  if (!fresh) return usableCredentials(push, true);
  throw await failed(push, refused.reason, failureMessage(order, refused.reason, refusedEarlierSaid(refused.message)));
}

function takeTurn(push: Push, credentials: ShopCredentials): Promise<Turn> {
  return push.deps.pacing.takeTurn({
    shopserveShopId: credentials.shopserveShopId,
    shopId: push.data.shopId,
    revision: credentials.revision,
    jobId: push.jobId,
  });
}

/** The shop's turn with the settings it is taken with (saved anew, when another process saw them refused). */
async function nextTurn(
  push: Push,
  credentials: ShopCredentials,
): Promise<{ turn: Exclude<Turn, { kind: 'auth_failed' }>; credentials: ShopCredentials }> {
  let turn = await takeTurn(push, credentials);
  if (turn.kind !== 'auth_failed') return { turn, credentials };
  // Another process saw ShopServe refuse these settings; they may have been saved since, and
  // then the new revision gets its own try. A refusal of the revision as saved now is final.
  const { deps, data, order } = push;
  deps.settings.rememberAuthFailure(data.shopId, credentials.revision, parseAuthFailure(turn.marker));
  const now = await usableCredentials(push, true);
  if (now.revision !== credentials.revision) turn = await takeTurn(push, now);
  if (turn.kind === 'auth_failed') {
    const refused = parseAuthFailure(turn.marker);
    throw await failed(
      push,
      refused.reason,
      failureMessage(order, refused.reason, refusedEarlierSaid(refused.message)),
    );
  }
  return { turn, credentials: now };
}

/**
 * One order's push, ending in exactly one way: returns (`updated`, `tracking_number_missing`),
 * throws {@link PushFailedError} after recording `failed`, throws {@link PushRetryError} for
 * BullMQ's backoff, or moves itself to delayed and throws `DelayedError` to wait without
 * spending an attempt (its shop's turn, a 429, maintenance).
 */
export async function processShippingUpdate(
  deps: PushDeps,
  job: PushJob,
  token: string | undefined,
): Promise<PushReturnValue> {
  const parsed = shippingUpdateJob.schema.safeParse(job.data);
  // Data that does not fit will not fit on a retry either.
  if (!parsed.success) throw new UnrecoverableError(`invalid push job data: ${z.prettifyError(parsed.error)}`);
  const data = parsed.data;
  const order: OrderRef = { shopId: data.shopId, orderNumber: data.orderNumber };
  const attempts = job.attemptsMade + 1;
  const push: Push = { deps, job, token, data, order, attempts, jobId: job.id ?? shippingUpdateJob.jobId(data) };

  if (data.plan.kind === 'outcome') {
    const { outcome, message } = data.plan;
    if (outcome === 'tracking_number_missing') return trackingNumberMissing(push, message, null);
    throw await failed(push, outcome, failureMessage(order, outcome, message));
  }
  const update = data.plan.update;

  // When the call is settled with the shop's pacing, the time since asking for its turn counts: a
  // turn this process was slow to act on is as late at ShopServe as a slow call.
  const saved = await usableCredentials(push, false);
  let asked = performance.now();
  let { turn, credentials } = await nextTurn(push, saved);
  for (let shortWaits = 0; turn.kind === 'wait'; shortWaits += 1) {
    // The shop's turn is waited for in the delayed set, not in a worker slot; only a gap shorter
    // than a trip through the delayed set is waited here. The slot stays held meanwhile, and the
    // job comes back a little early to wait out the rest here, on time.
    if (turn.waitMs > SHORT_WAIT_MS || shortWaits >= MAX_SHORT_WAITS) {
      deps.metrics.pushWaits.inc({ reason: 'shop_turn' });
      throw await waitFor(push, turn.waitMs - DELAYED_SET_LEAD_MS);
    }
    await sleep(turn.waitMs);
    asked = performance.now();
    ({ turn, credentials } = await nextTurn(push, credentials));
  }

  const sentAt = performance.now();
  const result = await deps.client.updateShipping(
    { shopserveShopId: credentials.shopserveShopId, authKey: credentials.authKey },
    data.orderNumber,
    update,
  );
  const status = callStatusLabel(result);
  if (status !== undefined) {
    deps.metrics.shopServeCallSeconds.observe({ status }, (performance.now() - sentAt) / 1000);
    const tookMs = performance.now() - asked;
    const answered = !(result.outcome === 'transient' && result.status === undefined);
    // Best effort: the call is made, and must not be made again because Redis hiccupped here.
    await deps.pacing.settle(credentials.shopserveShopId, turn.callId, { tookMs, answered }).catch(ignore);
  }

  const decision = decidePush(result, {
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    ageMs: Date.now() - job.timestamp,
    freeWaitingForMs: deps.freeWaitingForMs,
    defaultWaitMs: firstBackoffMs(job.opts.backoff),
  });
  switch (decision.kind) {
    case 'updated':
      await record(push, { outcome: 'updated', sent: update });
      return { outcome: 'updated', ...order, sent: update, attempts };
    case 'tracking_number_missing':
      return trackingNumberMissing(push, decision.message, update);
    case 'permanent': {
      if (decision.reason === 'unauthorized' || decision.reason === 'api_not_contracted') {
        const refused: AuthFailure = { reason: decision.reason, message: decision.message };
        deps.settings.rememberAuthFailure(data.shopId, credentials.revision, refused);
        await deps.pacing.markAuthFailure(data.shopId, credentials.revision, JSON.stringify(refused));
        await recordAuthFailure(deps.pool, data.shopId, credentials.revision, refused);
        const now = await deps.settings.get(data.shopId, { fresh: true });
        // Saved while the call was out: the new settings get their own try.
        if (now !== null && now.revision !== credentials.revision) throw await waitFor(push, 0);
      }
      throw await failed(push, decision.reason, failureMessage(order, decision.reason, decision.message), update);
    }
    case 'wait':
      deps.metrics.pushWaits.inc({ reason: decision.reason });
      await deps.pacing.pushBack(credentials.shopserveShopId, decision.shopWaitMs);
      throw await waitFor(push, decision.delayMs);
    case 'retry':
      await deps.pacing.pushBack(credentials.shopserveShopId, decision.shopWaitMs);
      throw new PushRetryError(
        decision.reason,
        `${decision.reason}: order ${order.orderNumber} of shop ${order.shopId}, attempt ${attempts} of ${job.opts.attempts ?? 1}: ${decision.message}`,
      );
    case 'exhausted':
      throw await failed(
        push,
        'retries_exhausted',
        exhaustedMessage(order, decision.attempts, decision.message),
        update,
      );
  }
}

function ignore(): undefined {
  return undefined;
}

/** The auth-failure marker another process left (JSON of {@link AuthFailure}). */
function parseAuthFailure(marker: string): AuthFailure {
  let json: unknown;
  try {
    json = JSON.parse(marker);
  } catch {
    json = undefined;
  }
  const parsed = AuthFailure.safeParse(json);
  return parsed.success ? parsed.data : { reason: 'unauthorized', message: marker };
}
