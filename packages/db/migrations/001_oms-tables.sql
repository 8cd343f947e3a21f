-- Up Migration
-- The OMS tables, exactly as ../shared/contracts/oms-schema.sql fixes them (a test keeps the two
-- equal). They belong to the OMS: created here only when missing, for development, demo and tests.

CREATE TABLE IF NOT EXISTS shops (
  id          text PRIMARY KEY,              -- OMS shop id, e.g. 'shop-001'
  name        text NOT NULL
);

CREATE TABLE IF NOT EXISTS orders (
  id               bigserial PRIMARY KEY,    -- OMS order id
  shop_id          text        NOT NULL REFERENCES shops (id),
  mall             text        NOT NULL,     -- 'shopserve', 'rakuten', 'yahoo', ... : only 'shopserve' concerns us
  order_number     text        NOT NULL,     -- the mall's own order number (ShopServe's 受注番号)
  status           text        NOT NULL,     -- see the list below
  ordered_at       timestamptz NOT NULL,     -- 注文日時
  updated_at       timestamptz,              -- 受注更新日時; NULL = never updated since import
  carrier          text,                     -- carrier as operators type it, e.g. 'ヤマト運輸', '佐川急便', '日本郵便'
  tracking_number  text,                     -- 伝票番号 / 送り状番号 / お問合せ番号; NULL or '' = none
  shipped_on       date,                     -- 出荷日 (a calendar date in Japan time)
  UNIQUE (mall, shop_id, order_number)
);

CREATE INDEX IF NOT EXISTS orders_mall_shop_updated ON orders (mall, shop_id, updated_at);
CREATE INDEX IF NOT EXISTS orders_mall_shop_ordered ON orders (mall, shop_id, ordered_at);
