/**
 * The parts of the ShopServe contract (`shopserve-api.yaml`) the sandbox serves: its closed lists
 * of carrier codes and error codes, and the HTTP status of each error code.
 */

export const DELIVERY_COMPANY_CODES = [
  'YAMATO',
  'SAGAWA',
  'JAPANPOST',
  'SEINO',
  'FUKUYAMA',
  'ECOHAI',
  'TONAMI',
  'KANGAROO',
] as const;
export type DeliveryCompanyCode = (typeof DELIVERY_COMPANY_CODES)[number];

export function isDeliveryCompanyCode(value: string): value is DeliveryCompanyCode {
  return (DELIVERY_COMPANY_CODES as readonly string[]).includes(value);
}

export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  SLIP_NUMBER_REQUIRED: 400,
  DELIVERY_COMPANY_REQUIRED: 400,
  UNKNOWN_DELIVERY_COMPANY: 400,
  UNAUTHORIZED: 401,
  API_NOT_CONTRACTED: 403,
  ORDER_NOT_FOUND: 404,
  ORDER_CANCELLED: 409,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Order numbers in paths: 1 to 64 characters (after URL decoding). */
export const ORDER_NUMBER_MAX_LENGTH = 64;

export function isWellFormedOrderNumber(orderNumber: string): boolean {
  return orderNumber.length >= 1 && orderNumber.length <= ORDER_NUMBER_MAX_LENGTH;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error answer, before it is put on the wire. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: FieldProblem[];
  /** Extra response headers, such as `Retry-After`. */
  headers?: Record<string, string>;
}

export function apiError(code: ErrorCode, message: string, extra: Omit<ApiError, 'code' | 'message'> = {}): ApiError {
  return { code, message, ...extra };
}

/** The `Error` body of the contract. */
export function errorBody(error: ApiError): { error: { code: ErrorCode; message: string; details?: FieldProblem[] } } {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}
