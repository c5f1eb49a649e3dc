import type { JsonValue } from '@step/asl';
import type { TaskHandler } from '@step/interpreter';

/** Unit prices in cents by SKU, in EUR. */
export const PRICES: Readonly<Record<string, number>> = { 'BOOK-1': 1250, 'LAMP-7': 4999, 'DESK-2': 64900 };

/** What the PriceLine task receives. */
export interface PriceLineInput {
  sku: string;
  quantity: number;
  currency: string;
}

/** What the ChargeCard task receives. */
export interface ChargeInput {
  orderId: string;
  card: string;
  amount: number;
  currency: string;
}

/**
 * The card issuer refused the charge; Step Functions sees the error name `PaymentDeclined`.
 *
 * @example
 * ```ts
 * throw new PaymentDeclined('insufficient funds');
 * ```
 */
export class PaymentDeclined extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentDeclined';
  }
}

/**
 * The payment gateway did not answer in time; the workflow retries it.
 *
 * @example
 * ```ts
 * throw new PaymentGatewayTimeout('no answer after 5 s');
 * ```
 */
export class PaymentGatewayTimeout extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentGatewayTimeout';
  }
}

/**
 * Prices one order line: `lineTotal` is in currency units, rounded to cents.
 *
 * @example
 * ```ts
 * priceLine({ sku: 'BOOK-1', quantity: 2, currency: 'EUR' }); // { sku: 'BOOK-1', quantity: 2, unitPrice: 12.5, lineTotal: 25 }
 * ```
 */
export function priceLine(input: PriceLineInput): {
  sku: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
} {
  const cents = PRICES[input.sku];
  if (cents === undefined) throw new Error(`Unknown SKU "${input.sku}"`);
  return {
    sku: input.sku,
    quantity: input.quantity,
    unitPrice: cents / 100,
    lineTotal: (cents * input.quantity) / 100,
  };
}

/** Options of {@link createHandlers}. */
export interface HandlerOptions {
  /** How many first charge attempts time out before the gateway answers (default 0). */
  gatewayTimeouts?: number;
  /** Receipt id the gateway returns (default `rcpt-<orderId>`). */
  receiptId?: (orderId: string) => string;
}

/**
 * The task handlers of `workflow.asl.json`, by state name, for `runExecution`'s `handlers` option.
 *
 * @remarks
 * A card number ending in `0000` is declined. Every charge attempt is recorded in `charges`.
 *
 * @example
 * ```ts
 * const { handlers } = createHandlers();
 * await runExecution(definition, { input, handlers, clock: new VirtualClock() });
 * ```
 */
export function createHandlers(options: HandlerOptions = {}): {
  handlers: Record<string, TaskHandler>;
  charges: ChargeInput[];
} {
  let timeoutsLeft = options.gatewayTimeouts ?? 0;
  const charges: ChargeInput[] = [];
  const handlers: Record<string, TaskHandler> = {
    PriceLine: (input: JsonValue) => priceLine(input as unknown as PriceLineInput),
    ChargeCard: (input: JsonValue) => {
      const charge = input as unknown as ChargeInput;
      charges.push(charge);
      if (timeoutsLeft > 0) {
        timeoutsLeft -= 1;
        throw new PaymentGatewayTimeout('The payment gateway did not answer in time');
      }
      if (charge.card.endsWith('0000')) throw new PaymentDeclined('card declined by issuer');
      return {
        receiptId: options.receiptId ? options.receiptId(charge.orderId) : `rcpt-${charge.orderId}`,
        amount: charge.amount,
      };
    },
  };
  return { handlers, charges };
}
