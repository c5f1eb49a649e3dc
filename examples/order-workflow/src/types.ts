/** One line of an order. */
export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** The execution input. */
export interface OrderRequest {
  orderId: string;
  customerId: string;
  items: OrderItem[];
  express?: boolean;
}

/** What ValidateOrder adds at `$.order`. */
export interface ValidOrder extends OrderRequest {
  total: number;
  express: boolean;
}

/** The services the handlers call; tests pass fakes. */
export interface OrderServices {
  reserve(item: OrderItem): Promise<{ reservationId: string }>;
  charge(customerId: string, amount: number): Promise<{ paymentId: string }>;
  confirm(orderId: string): Promise<{ confirmationId: string }>;
}
