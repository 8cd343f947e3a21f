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

-- One export run, manual or scheduled. Counts are kept by the run itself as its orders reach
-- their outcomes; `pending` is derived (enqueued minus outcomes), never stored.
CREATE TABLE shopserve_sync.export_runs (
  id                       uuid        PRIMARY KEY,
  trigger                  text        NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  state                    text        NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
  shop_ids                 text[],
  window_from              timestamptz NOT NULL,
  window_to                timestamptz NOT NULL,
  force                    boolean     NOT NULL DEFAULT false,
  eligible                 integer     NOT NULL DEFAULT 0,
  enqueued                 integer     NOT NULL DEFAULT 0,
  skipped_unchanged        integer     NOT NULL DEFAULT 0,
  updated                  integer     NOT NULL DEFAULT 0,
  tracking_number_missing  integer     NOT NULL DEFAULT 0,
  failed                   integer     NOT NULL DEFAULT 0,
  scan_finished            boolean     NOT NULL DEFAULT false,
  error                    text,
  created_at               timestamptz NOT NULL DEFAULT now(),
  started_at               timestamptz,
  finished_at              timestamptz
);
CREATE INDEX export_runs_created ON shopserve_sync.export_runs (created_at DESC);

-- The orders a run is waiting for. An order's job may belong to an earlier, overlapping run; its
-- outcome still settles this run's row, exactly once (outcome goes from NULL to a value once).
CREATE TABLE shopserve_sync.run_orders (
  run_id    uuid   NOT NULL REFERENCES shopserve_sync.export_runs (id) ON DELETE CASCADE,
  order_id  bigint NOT NULL,
  job_id    text   NOT NULL,
  outcome   text,
  PRIMARY KEY (run_id, order_id)
);
CREATE INDEX run_orders_pending_job ON shopserve_sync.run_orders (job_id) WHERE outcome IS NULL;

-- Per order: its last push, and the content of its last final outcome (`updated` or
-- `tracking_number_missing`), against which unchanged orders are skipped.
CREATE TABLE shopserve_sync.push_ledger (
  order_id              bigint      PRIMARY KEY,
  shop_id               text        NOT NULL,
  order_number          text        NOT NULL,
  outcome               text        NOT NULL,
  reason                text,
  error                 text,
  sent                  jsonb,
  content_hash          text        NOT NULL,
  final_content_hash    text,
  attempts              integer     NOT NULL DEFAULT 0,
  job_id                text,
  run_id                uuid,
  finished_at           timestamptz NOT NULL
);
CREATE INDEX push_ledger_shop ON shopserve_sync.push_ledger (shop_id);
