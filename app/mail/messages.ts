import type { MailKind } from "../../db/schema";
import { formatEuroSymbol } from "~/rules/money";
import { formatNav } from "~/rules/nav";
import { formatDateIt, formatDateTimeIt, formatDayIt } from "~/rules/time";

/**
 * The portal's mails, composed as plain text and HTML from the same parts. Pure: the callers give
 * every link already absolute. Wording in Italian, as every other text a citizen reads.
 */

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** The kinds a citizen may stop from the link in each mail (the confirmation of an address cannot be). */
export const STOPPABLE_MAIL_KINDS = [
  "promemoria",
  "messaggi",
  "ricevuta",
] as const satisfies readonly MailKind[];
export type StoppableMailKind = (typeof STOPPABLE_MAIL_KINDS)[number];

export const MAIL_KIND_LABEL: Record<MailKind, string> = {
  "conferma-indirizzo": "conferma dell'indirizzo email",
  promemoria: "promemoria di scadenze e pagamenti",
  messaggi: "avvisi di nuovi messaggi nell'area personale",
  ricevuta: "ricevute di pagamento",
};

export function isStoppableMailKind(value: unknown): value is StoppableMailKind {
  return typeof value === "string" && (STOPPABLE_MAIL_KINDS as readonly string[]).includes(value);
}

/** Days before a due date a citizen may ask the payment reminder for. */
export const REMINDER_DAYS = { min: 1, max: 30, default: 7 } as const;

/** An identity card's reminder comes this many days before it expires (time to book the renewal). */
export const DOCUMENT_NOTICE_DAYS = 60;

/** "mario.rossi@example.it" → "m***i@e***.it": enough to recognise one's own address, not to learn it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : "";
  const head = (s: string) => (s.length <= 2 ? `${s[0] ?? ""}***` : `${s[0]}***${s[s.length - 1]}`);
  return `${head(local)}@${host[0] ?? ""}***${tld}`;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A block of a mail: a paragraph, a list of lines, or a button-like link. */
type Block =
  | { kind: "p"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "link"; label: string; url: string };

function render(subject: string, greeting: string, blocks: Block[], footer: string[]): ComposedMail {
  const text = [
    greeting,
    "",
    ...blocks.flatMap((b) =>
      b.kind === "p"
        ? [b.text, ""]
        : b.kind === "list"
          ? [...b.items.map((i) => `- ${i}`), ""]
          : [`${b.label}: ${b.url}`, ""],
    ),
    "--",
    ...footer,
  ].join("\n");
  const html = [
    '<!doctype html><html lang="it"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Titillium Web,Arial,sans-serif;color:#1a1a1a;line-height:1.5;max-width:640px">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...blocks.map((b) =>
      b.kind === "p"
        ? `<p>${escapeHtml(b.text)}</p>`
        : b.kind === "list"
          ? `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`
          : `<p><a href="${escapeHtml(b.url)}" style="display:inline-block;background:#0066cc;color:#fff;padding:8px 16px;text-decoration:none;border-radius:4px">${escapeHtml(b.label)}</a></p>`,
    ),
    `<hr><p style="font-size:0.875em;color:#5c6f82">${footer.map(escapeHtml).join("<br>")}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

function footerLines(portalName: string, unsubscribeUrl: string | null, kind: MailKind): string[] {
  const lines = [`${portalName}: questo messaggio è stato inviato automaticamente, non rispondere.`];
  if (unsubscribeUrl) lines.push(`Per non ricevere più ${MAIL_KIND_LABEL[kind]}: ${unsubscribeUrl}`);
  return lines;
}

export interface AddressConfirmationInput {
  portalName: string;
  name: string;
  confirmUrl: string;
  /** When the link stops working (ISO instant). */
  expiresAt: string;
}

export function addressConfirmationMail(input: AddressConfirmationInput): ComposedMail {
  return render(
    "Conferma il tuo indirizzo email",
    `Gentile ${input.name},`,
    [
      {
        kind: "p",
        text: `hai indicato questo indirizzo nel ${input.portalName}. Confermalo per ricevere promemoria e ricevute: finché non lo confermi non ti scriviamo.`,
      },
      { kind: "link", label: "Conferma l'indirizzo", url: input.confirmUrl },
      {
        kind: "p",
        text: `Il collegamento vale 24 ore, fino al ${formatDayIt(input.expiresAt)}. Se non sei stato tu, ignora questo messaggio: l'indirizzo non sarà usato.`,
      },
    ],
    footerLines(input.portalName, null, "conferma-indirizzo"),
  );
}

export interface ReceiptMailItem {
  creditorName: string;
  description: string;
  nav: string;
  amountCents: number;
}

export interface ReceiptMailInput {
  portalName: string;
  paidAt: string;
  items: ReceiptMailItem[];
  feeCents: number;
  unsubscribeUrl: string | null;
}

export function receiptMail(input: ReceiptMailInput): ComposedMail {
  const total = input.items.reduce((sum, i) => sum + i.amountCents, 0);
  const one = input.items.length === 1;
  return render(
    one
      ? `Ricevuta di pagamento: ${input.items[0]!.description}`.slice(0, 120)
      : `Ricevute di pagamento: ${input.items.length} avvisi`,
    "Gentile utente,",
    [
      {
        kind: "p",
        text: `il pagamento del ${formatDayIt(input.paidAt)} è andato a buon fine. ${one ? "In allegato trovi la ricevuta" : "In allegato trovi le ricevute"} in PDF, da conservare.`,
      },
      {
        kind: "list",
        items: input.items.map(
          (i) =>
            `${i.creditorName}, ${i.description}: ${formatEuroSymbol(i.amountCents)} (codice avviso ${formatNav(i.nav)})`,
        ),
      },
      {
        kind: "p",
        text: `Totale pagato: ${formatEuroSymbol(total + input.feeCents)}${input.feeCents > 0 ? `, di cui ${formatEuroSymbol(input.feeCents)} di commissione` : ""}.`,
      },
    ],
    footerLines(input.portalName, input.unsubscribeUrl, "ricevuta"),
  );
}

export interface ReminderNotice {
  creditorName: string;
  description: string;
  nav: string;
  creditorFiscalCode: string;
  amountCents: number;
  dueDate: string;
}

export interface ReminderDocument {
  label: string;
  expiryDate: string;
}

export interface ReminderAppointment {
  office: string;
  service: string;
  startsAt: string;
}

export interface ReminderPratica {
  title: string;
  enteName: string;
  /** The day by which the office waits for the documents, when it said one. */
  dueDate: string | null;
}

export interface ReminderMessages {
  count: number;
  senders: string[];
}

export interface ReminderDigestInput {
  portalName: string;
  publicUrl: string;
  name: string;
  today: string;
  notices: ReminderNotice[];
  documents: ReminderDocument[];
  appointments: ReminderAppointment[];
  /** Pratiche that since yesterday wait for documents from the citizen. */
  pratiche: ReminderPratica[];
  /** Unread messages that arrived yesterday (only for who wants to hear of them). */
  messages: ReminderMessages | null;
  /** The stop link of each kind the digest carries. */
  unsubscribe: Partial<Record<"promemoria" | "messaggi", string>>;
}

type DigestParts = Pick<
  ReminderDigestInput,
  "notices" | "documents" | "appointments" | "pratiche" | "messages"
>;

/** The number of things a digest speaks of. */
export function digestSize(input: DigestParts): number {
  return (
    input.notices.length +
    input.documents.length +
    input.appointments.length +
    input.pratiche.length +
    (input.messages && input.messages.count > 0 ? 1 : 0)
  );
}

/** One mail a day with every due date the citizen should know of; null when there is none. */
export function reminderDigestMail(input: ReminderDigestInput): ComposedMail | null {
  const size = digestSize(input);
  if (size === 0) return null;
  const overdue = input.notices.filter((n) => n.dueDate < input.today);
  const upcoming = input.notices.filter((n) => n.dueDate >= input.today);
  const blocks: Block[] = [];
  const noticeLine = (n: ReminderNotice) =>
    `${n.creditorName}, ${n.description}: ${formatEuroSymbol(n.amountCents)}, scadenza ${formatDateIt(n.dueDate)}, codice avviso ${formatNav(n.nav)}`;
  const payUrl = (n: ReminderNotice) =>
    `${input.publicUrl}/paga-un-avviso?codice=${n.nav}&ente=${n.creditorFiscalCode}`;
  if (overdue.length) {
    blocks.push({
      kind: "p",
      text:
        overdue.length === 1
          ? "Un avviso è scaduto ieri e risulta da pagare:"
          : `${overdue.length} avvisi sono scaduti ieri e risultano da pagare:`,
    });
    blocks.push({ kind: "list", items: overdue.map(noticeLine) });
  }
  if (upcoming.length) {
    blocks.push({
      kind: "p",
      text:
        upcoming.length === 1 ? "Un avviso è in scadenza:" : `${upcoming.length} avvisi sono in scadenza:`,
    });
    blocks.push({ kind: "list", items: upcoming.map(noticeLine) });
  }
  for (const n of input.notices)
    blocks.push({
      kind: "link",
      label: `Paga ${formatEuroSymbol(n.amountCents)} (${n.description})`.slice(0, 120),
      url: payUrl(n),
    });
  if (input.documents.length) {
    blocks.push({ kind: "p", text: "Documenti in scadenza:" });
    blocks.push({
      kind: "list",
      items: input.documents.map((d) => `${d.label}: scade il ${formatDateIt(d.expiryDate)}`),
    });
  }
  if (input.pratiche.length) {
    blocks.push({ kind: "p", text: "Pratiche che aspettano documenti da te:" });
    blocks.push({
      kind: "list",
      items: input.pratiche.map(
        (p) =>
          `${p.title} (${p.enteName})${p.dueDate ? `: da inviare entro il ${formatDateIt(p.dueDate)}` : ""}`,
      ),
    });
    blocks.push({
      kind: "link",
      label: "Vai alle tue pratiche",
      url: `${input.publicUrl}/area-personale/pratiche`,
    });
  }
  if (input.messages && input.messages.count > 0) {
    blocks.push({
      kind: "p",
      text:
        input.messages.count === 1
          ? `Hai un nuovo messaggio da ${input.messages.senders.join(", ")}.`
          : `Hai ${input.messages.count} nuovi messaggi da ${input.messages.senders.join(", ")}.`,
    });
    blocks.push({
      kind: "link",
      label: "Leggi i messaggi",
      url: `${input.publicUrl}/area-personale/messaggi`,
    });
  }
  if (input.appointments.length) {
    blocks.push({ kind: "p", text: "Appuntamenti di domani:" });
    blocks.push({
      kind: "list",
      items: input.appointments.map((a) => `${a.service}, ${a.office}, ${formatDateTimeIt(a.startsAt)}`),
    });
  }
  blocks.push({
    kind: "link",
    label: "Apri la tua area personale",
    url: `${input.publicUrl}/area-personale`,
  });
  return render(
    digestSubject(input, size, overdue.length),
    `Gentile ${input.name},`,
    blocks,
    digestFooter(input),
  );
}

/** The digest's subject: what it is about when it is about one thing, else how many things. */
function digestSubject(input: ReminderDigestInput, size: number, overdue: number): string {
  if (input.notices.length === size)
    return overdue
      ? "Promemoria: hai un pagamento scaduto"
      : size === 1
        ? `Promemoria: avviso in scadenza il ${formatDateIt(input.notices[0]!.dueDate)}`
        : `Promemoria: ${size} avvisi in scadenza`;
  if (size > 1) return `Promemoria: ${size} scadenze da ricordare`;
  if (input.documents.length)
    return `Promemoria: ${input.documents[0]!.label.toLowerCase()} in scadenza il ${formatDateIt(input.documents[0]!.expiryDate)}`;
  if (input.appointments.length) return "Promemoria: hai un appuntamento domani";
  if (input.pratiche.length) return "Promemoria: una tua pratica aspetta documenti da te";
  const count = input.messages?.count ?? 0;
  return count === 1
    ? "Hai un nuovo messaggio nell'area personale"
    : `Hai ${count} nuovi messaggi nell'area personale`;
}

function digestFooter(input: ReminderDigestInput): string[] {
  const footer = [`${input.portalName}: questo messaggio è stato inviato automaticamente, non rispondere.`];
  for (const kind of ["promemoria", "messaggi"] as const) {
    const url = input.unsubscribe[kind];
    if (url) footer.push(`Per non ricevere più ${MAIL_KIND_LABEL[kind]}: ${url}`);
  }
  return footer;
}
