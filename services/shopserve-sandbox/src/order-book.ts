import { isWellFormedOrderNumber } from './shopserve-contract.ts';
import { newOrder, type OrderRecord } from './order-shipping.ts';

export interface ListedOrder {
  shopId: string;
  orderNumber: string;
  cancelled: boolean;
}

/** The orders the sandbox knows, per shop ID. */
export class OrderBook {
  private readonly shops = new Map<string, Map<string, OrderRecord>>();

  constructor(listed: readonly ListedOrder[], nowMs: number) {
    this.replace(listed, nowMs);
  }

  /** Forgets every order and its shipping state, then lists these afresh. */
  replace(listed: readonly ListedOrder[], nowMs: number): void {
    this.shops.clear();
    for (const order of listed) this.save(newOrder(order.shopId, order.orderNumber, order.cancelled, nowMs));
  }

  /** The order as it stands, without creating one. */
  peek(shopId: string, orderNumber: string): OrderRecord | undefined {
    return this.shops.get(shopId)?.get(orderNumber);
  }

  /**
   * The order the API talks about. In lenient mode every well-formed order number exists: it is
   * created, active and unshipped, the first time it is asked for.
   */
  find(shopId: string, orderNumber: string, lenient: boolean, nowMs: number): OrderRecord | undefined {
    const known = this.peek(shopId, orderNumber);
    if (known !== undefined || !lenient || !isWellFormedOrderNumber(orderNumber)) return known;
    return this.save(newOrder(shopId, orderNumber, false, nowMs));
  }

  save(order: OrderRecord): OrderRecord {
    let orders = this.shops.get(order.shopId);
    if (orders === undefined) {
      orders = new Map();
      this.shops.set(order.shopId, orders);
    }
    orders.set(order.orderNumber, order);
    return order;
  }
}
