-- Up Migration
-- The service's own state, in a schema of its own so that it never mixes with the OMS's tables.

CREATE SCHEMA IF NOT EXISTS shopserve_sync;

-- The seed's settings screen, per OMS shop. `revision` grows on every save: caches and a
-- remembered authentication failure belong to one revision, so saving the settings clears them.
CREATE TABLE shopserve_sync.shop_settings (
  shop_id                text        PRIMARY KEY,
  shopserve_shop_id      text        NOT NULL,
  auth_key               text        NOT NULL,
  order_api_enabled      boolean     NOT NULL DEFAULT false,
  auto_export            boolean     NOT NULL DEFAULT false,
  revision               integer     NOT NULL DEFAULT 1,
  auth_failure_reason    text        CHECK (auth_failure_reason IN ('unauthorized', 'api_not_contracted')),
  auth_failure_message   text,
  auth_failed_at         timestamptz,
  auth_failure_revision  integer,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- One export run, manual or scheduled. The scan's own counts are kept here (one writer); what
-- happened to the pushes (enqueued, updated, ..., pending) is counted from `run_orders`, so that
-- concurrent outcomes never queue up on this row. A scheduled run is created by the job that the
-- scheduler added, so `source_job_id` keeps a retried job from creating a second run.
CREATE TABLE shopserve_sync.export_runs (
  id                       uuid        PRIMARY KEY,
  trigger                  text        NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  state                    text        NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
  source_job_id            text        UNIQUE,
  shop_ids                 text[],
  window_from              timestamptz NOT NULL,
  window_to                timestamptz NOT NULL,
  force                    boolean     NOT NULL DEFAULT false,
  eligible                 integer     NOT NULL DEFAULT 0,
  skipped_unchanged        integer     NOT NULL DEFAULT 0,
  bad_data                 integer     NOT NULL DEFAULT 0,
  scan_finished            boolean     NOT NULL DEFAULT false,
  error                    text,
  created_at               timestamptz NOT NULL DEFAULT now(),
  started_at               timestamptz,
  finished_at              timestamptz
);
CREATE INDEX export_runs_created ON shopserve_sync.export_runs (created_at DESC);

-- The pushes a run waits for. A push may have been enqueued by an earlier, overlapping run; its
-- outcome still settles this run's row, once (outcome goes from NULL to a value once).
CREATE TABLE shopserve_sync.run_orders (
  run_id    uuid   NOT NULL REFERENCES shopserve_sync.export_runs (id) ON DELETE CASCADE,
  order_id  bigint NOT NULL,
  job_id    text   NOT NULL,
  outcome   text,
  PRIMARY KEY (run_id, order_id)
);
CREATE INDEX run_orders_pending_job ON shopserve_sync.run_orders (job_id) WHERE outcome IS NULL;
CREATE INDEX run_orders_pending_run ON shopserve_sync.run_orders (run_id) WHERE outcome IS NULL;

-- Every push job's final outcome, written once per job id however often BullMQ runs the job.
CREATE TABLE shopserve_sync.push_outcomes (
  job_id        text        PRIMARY KEY,
  order_id      bigint      NOT NULL,
  shop_id       text        NOT NULL,
  order_number  text        NOT NULL,
  run_id        uuid,
  outcome       text        NOT NULL,
  reason        text,
  error         text,
  sent          jsonb,
  content_hash  text        NOT NULL,
  attempts      integer     NOT NULL DEFAULT 0,
  finished_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_outcomes_order ON shopserve_sync.push_outcomes (order_id, finished_at DESC);

-- Per order: how many pushes have ended (`generation`, part of the next push's job id, so a
-- finished job never blocks a new one), the last push, and the content of the last final outcome
-- (`updated` or `tracking_number_missing`), against which unchanged orders are skipped.
CREATE TABLE shopserve_sync.push_ledger (
  order_id            bigint      PRIMARY KEY,
  shop_id             text        NOT NULL,
  generation          integer     NOT NULL DEFAULT 0,
  last_job_id         text,
  last_outcome        text,
  final_content_hash  text,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
