// The boundary between the hub and whoever actually moves the money. A real connection (pagoPA's
// checkout, or a PSP directly) implements PaymentProvider; in demo mode the simulated provider
// plays that part at /checkout/:id, where the payer picks a method and the outcome.
import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";

export type PaymentMethodCode = "carta" | "conto" | "app";

/** One way to pay offered by a provider, with the PSP that handles it and its fee. */
export interface PaymentMethodChoice {
  code: PaymentMethodCode;
  label: string;
  description: string;
  idPsp: string;
  pspCompanyName: string;
  /** pagoPA's paymentMethod value recorded on the receipt. */
  receiptMethod: string;
  /** Fee for the whole cart (pagoPA PSPs charge per transaction). */
  feeCents: number;
}

/** What a provider is told about a checkout when the payer is sent to it. */
export interface ProviderCheckout {
  id: string;
  totalCents: number;
  expiresAt: string;
  payerEmail: string | null;
  items: Array<{
    optionId: number;
    nav: string;
    creditorFiscalCode: string;
    amountCents: number;
    description: string;
  }>;
}

/**
 * The result of a payment attempt as the provider reports it. On success the provider also
 * issues one receipt id per item, in the order of the checkout's items.
 */
export type PaymentOutcome =
  | {
      kind: "success";
      method: PaymentMethodChoice;
      receiptIds: string[];
      /** When the PSP took the money (an ISO instant); the hub stamps it when absent. */
      paidAt?: string;
    }
  | { kind: "failure"; reason: string }
  | { kind: "abandon" };

export interface PaymentProvider {
  /** Shown to the payer and recorded on checkouts. */
  readonly name: string;
  /** True for the demo stand-in: pages mark it as a simulation. */
  readonly simulated: boolean;
  methods(): PaymentMethodChoice[];
  /** Opens the payment with the provider; the payer is sent to redirectUrl. */
  startPayment(checkout: ProviderCheckout): Promise<{ redirectUrl: string }>;
  /**
   * Reads the provider's report of the outcome (for the simulation, the form posted from
   * /checkout/:id). Returns an Italian message when the report itself is unusable.
   */
  receiveOutcome(checkout: ProviderCheckout, report: FormData): Promise<PaymentOutcome | { error: string }>;
}

/** Fictional PSPs of the simulation: names say what they are. */
const SIMULATED_METHODS: PaymentMethodChoice[] = [
  {
    code: "carta",
    label: "Carta di pagamento",
    description: "Carta di credito, di debito o prepagata",
    idPsp: "DEMOPSP0CARTE",
    pspCompanyName: "PSP dimostrativo Carte",
    receiptMethod: "CP",
    feeCents: 150,
  },
  {
    code: "conto",
    label: "Conto corrente",
    description: "Addebito sul conto presso la tua banca",
    idPsp: "DEMOPSP0BANCA",
    pspCompanyName: "Banca dimostrativa",
    receiptMethod: "BBT",
    feeCents: 100,
  },
  {
    code: "app",
    label: "App di pagamento",
    description: "Pagamento con un'app o un portafoglio digitale",
    idPsp: "DEMOPSP00APP",
    pspCompanyName: "App di pagamento dimostrativa",
    receiptMethod: "APP",
    feeCents: 80,
  },
];

/** pagoPA receipt ids are 32 hexadecimal characters. */
export function newReceiptId(): string {
  return crypto.randomBytes(16).toString("hex");
}

/** The demo stand-in for pagoPA's checkout: no money moves, the payer chooses the outcome. */
export function createSimulatedProvider(): PaymentProvider {
  return {
    name: "Simulazione del circuito pagoPA",
    simulated: true,
    methods: () => SIMULATED_METHODS,
    async startPayment(checkout) {
      return { redirectUrl: `/checkout/${encodeURIComponent(checkout.id)}` };
    },
    async receiveOutcome(checkout, report) {
      const outcome = report.get("esito");
      if (outcome === "annulla") return { kind: "abandon" };
      if (outcome === "fallimento")
        return {
          kind: "failure",
          reason: "Pagamento rifiutato dal prestatore di servizi di pagamento (simulazione).",
        };
      if (outcome !== "successo") return { error: "Scegli l'esito del pagamento." };
      const method = SIMULATED_METHODS.find((m) => m.code === report.get("metodo"));
      if (!method) return { error: "Scegli un metodo di pagamento." };
      return { kind: "success", method, receiptIds: checkout.items.map(() => newReceiptId()) };
    },
  };
}

const simulated = createSimulatedProvider();

/**
 * The provider for this process: the one server.ts registered as `services.paymentProvider`, else
 * the simulation in demo mode. Outside demo mode without a provider, payments are unavailable.
 */
export function getPaymentProvider(context: Pick<AppLoadContext, "services" | "config">): PaymentProvider {
  const registered = context.services?.paymentProvider as PaymentProvider | undefined;
  if (registered) return registered;
  if (context.config.demo) return simulated;
  throw new Response(
    JSON.stringify({
      message: "Il servizio di pagamento non è disponibile in questo momento. Riprova più tardi.",
    }),
    {
      status: 503,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    },
  );
}
