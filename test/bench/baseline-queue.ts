/** The bare-BullMQ baseline's queue: one job per order, naming the one call to make. */
export const BASELINE_QUEUE = 'baseline-shipping-updates';

/** Every benchmark shop's auth key (the lenient sandbox takes any). */
export const BASELINE_AUTH_KEY = 'bench-key';

export interface BaselineJobData {
  shopserveShopId: string;
  orderNumber: string;
  /** The exact body the service would send for the order (`buildShippingUpdate`). */
  update: Record<string, string>;
}
