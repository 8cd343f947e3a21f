export { DELIVERY_COMPANY_CODES, DeliveryCompanyCode } from './delivery-company.ts';
export { CalendarDate, SLIP_NUMBER_PATTERN, ShippingUpdate } from './shipping-update.ts';
export { OrderShipping } from './order-shipping.ts';
export { SHOPSERVE_ERROR_CODES, ShopServeErrorBody, ShopServeErrorCode } from './error-body.ts';
export { ShopServeCredentials } from './shopserve-credentials.ts';
export { normalizeSlipNumber } from './slip-number.ts';
export { DASH_LOOK_ALIKES } from './dash-look-alikes.ts';
export { CARRIER_ALIASES } from './carrier-aliases.ts';
export { carrierKey, mapCarrier } from './carrier-mapping.ts';
export { buildShippingUpdate, type ShippingSource } from './shipping-update.builder.ts';
export { BuildResult, KnownOutcome } from './build-result.ts';
export {
  PermanentFailure,
  PermanentReason,
  PushResult,
  ReadResult,
  TrackingNumberMissingResult,
  TransientFailure,
  TransientReason,
  UpdatedResult,
  type CallFailure,
} from './push-result.ts';
export { PERMANENT_REASON_DESCRIPTIONS } from './permanent-reasons.ts';
export { parseHttpDate, parseRetryAfter } from './retry-after.ts';
export {
  ERROR_CODE_CLASSIFICATION,
  classifyErrorAnswer,
  classifyStatus,
  type Classification,
  type ErrorAnswer,
} from './error-classification.ts';
export { classifyTransportError } from './transport-failure.ts';
export { createShopServeClient, type ShopServeClient, type ShopServeClientOptions } from './shopserve.client.ts';
