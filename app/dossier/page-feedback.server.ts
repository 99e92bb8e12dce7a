// The Area personale's page ratings: the form's checks, the anonymous row, one rating per page per
// login, and the summary the ente's admin reads.
import crypto from "node:crypto";
import type { Options } from "express-rate-limit";
import { z } from "zod";
import type { Db } from "../../db/schema";
import { formText } from "~/form-data.server";
import { DatabaseRateLimitStore } from "~/rate-limit-store.server";
import {
  PAGE_FEEDBACK_CHOICE_CODES,
  PAGE_FEEDBACK_TEXT_MAX,
  feedbackPageOf,
  type FeedbackPage,
  type PageFeedbackChoice,
} from "~/rules/page-feedback";
import { romeDay } from "~/rules/time";
import { safeReturnPath } from "~/auth/return-path";

export const PAGE_FEEDBACK_MESSAGES = {
  rating: "Scegli da 1 a 5 stelle quanto sono chiare le informazioni della pagina, poi invia di nuovo.",
  page: "La pagina da valutare non è tra quelle dell'area personale.",
  choice: "Il motivo indicato non è tra quelli proposti.",
  tooLong: `Il commento può avere al massimo ${PAGE_FEEDBACK_TEXT_MAX} caratteri.`,
  personalData:
    "Il commento sembra contenere dati personali (un codice fiscale, un indirizzo email o un numero di telefono o di conto): la valutazione è anonima, toglili e invia di nuovo.",
} as const;

// What a citizen must not leave in an anonymous comment: a codice fiscale, an email address, a
// long run of digits (telephone, IBAN, notice codes).
const PERSONAL_DATA = [
  /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/i,
  /[^\s@]+@[^\s@]+\.[^\s@]+/,
  /(?:\d[\s./-]?){9,}/,
];

export function looksPersonal(text: string): boolean {
  return PERSONAL_DATA.some((re) => re.test(text));
}

/** The widget's form: the page (path and query, to go back to), the stars, the reason, the text. */
export const pageFeedbackSchema = z.object({
  pagina: z.preprocess(
    (v) => safeReturnPath(v),
    z
      .string({ error: PAGE_FEEDBACK_MESSAGES.page })
      .refine((p) => feedbackPageOf(new URL(p, "http://portale.invalid").pathname) !== null, {
        error: PAGE_FEEDBACK_MESSAGES.page,
      }),
  ),
  voto: z.enum(["1", "2", "3", "4", "5"], { error: PAGE_FEEDBACK_MESSAGES.rating }).transform(Number),
  scelta: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : v),
    z.enum(PAGE_FEEDBACK_CHOICE_CODES, { error: PAGE_FEEDBACK_MESSAGES.choice }).nullable(),
  ),
  testo: formText(PAGE_FEEDBACK_TEXT_MAX * 4)
    .transform((t) => t.replace(/\r\n?/g, "\n").trim())
    .refine((t) => [...t].length <= PAGE_FEEDBACK_TEXT_MAX, { error: PAGE_FEEDBACK_MESSAGES.tooLong })
    .refine((t) => !looksPersonal(t), { error: PAGE_FEEDBACK_MESSAGES.personalData }),
});

/** A login rates each page once; the counter forgets the page after this long. */
export const PAGE_FEEDBACK_WINDOW_MS = 24 * 60 * 60_000;
const LIMITER = "page-feedback";

/**
 * The counter's key: a hash of the session and the page, so that the counter names neither the
 * person nor the rating (the rating row names no session).
 */
function onceKey(sessionId: string, page: FeedbackPage): string {
  return crypto.createHash("sha256").update(`${LIMITER}:${sessionId}:${page}`).digest("hex");
}

export interface PageFeedbackInput {
  sessionId: string;
  page: FeedbackPage;
  rating: number;
  choice: PageFeedbackChoice | null;
  comment: string;
  now: Date;
}

/**
 * Stores one rating, unless this session has already rated the page ("already"): the counter and
 * the row are written in one transaction.
 */
export async function recordPageFeedback(db: Db, input: PageFeedbackInput): Promise<"saved" | "already"> {
  return db.transaction().execute(async (trx) => {
    const once = new DatabaseRateLimitStore(trx, {
      prefix: LIMITER,
      purgeIntervalMs: 0,
      now: () => input.now.getTime(),
    });
    once.init({ windowMs: PAGE_FEEDBACK_WINDOW_MS } as Options);
    await once.purgeExpired();
    const { totalHits } = await once.increment(onceKey(input.sessionId, input.page));
    if (totalHits > 1) return "already";
    await trx
      .insertInto("page_feedback")
      .values({
        page: input.page,
        rating: input.rating,
        choice: input.choice,
        comment: input.comment === "" ? null : input.comment,
        day: romeDay(input.now),
      })
      .execute();
    return "saved";
  });
}

export interface PageFeedbackSummary {
  page: string;
  count: number;
  /** Mean of the stars, to one decimal. */
  average: number;
  /** How many ratings gave 1, 2, 3, 4 and 5 stars. */
  distribution: [number, number, number, number, number];
  /** The reasons picked, most picked first. */
  choices: Array<{ choice: string; count: number }>;
  /** The latest comments, newest first. */
  comments: Array<{ day: string; rating: number; text: string }>;
}

export const PAGE_FEEDBACK_LATEST_COMMENTS = 5;

/** Every rated page with its numbers, the most rated first. */
export async function summarizePageFeedback(db: Db): Promise<PageFeedbackSummary[]> {
  const [byRating, byChoice, comments] = await Promise.all([
    db
      .selectFrom("page_feedback")
      .select(["page", "rating", (eb) => eb.fn.countAll<number | string>().as("n")])
      .groupBy(["page", "rating"])
      .execute(),
    db
      .selectFrom("page_feedback")
      .select(["page", "choice", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("choice", "is not", null)
      .groupBy(["page", "choice"])
      .execute(),
    // Newest first per page: read page by page would be one query per page; the latest few
    // hundred comments of all pages are enough to fill every page's list in practice.
    db
      .selectFrom("page_feedback")
      .select(["page", "day", "rating", "comment"])
      .where("comment", "is not", null)
      .orderBy("id", "desc")
      .limit(500)
      .execute(),
  ]);
  const pages = new Map<string, PageFeedbackSummary>();
  const of = (page: string) => {
    let s = pages.get(page);
    if (!s) {
      s = { page, count: 0, average: 0, distribution: [0, 0, 0, 0, 0], choices: [], comments: [] };
      pages.set(page, s);
    }
    return s;
  };
  for (const r of byRating) {
    const s = of(r.page);
    const n = Number(r.n);
    if (r.rating >= 1 && r.rating <= 5) s.distribution[r.rating - 1] += n;
    s.count += n;
  }
  for (const s of pages.values()) {
    const total = s.distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
    s.average = s.count ? Math.round((total / s.count) * 10) / 10 : 0;
  }
  for (const r of byChoice) of(r.page).choices.push({ choice: r.choice!, count: Number(r.n) });
  for (const s of pages.values())
    s.choices.sort((a, b) => b.count - a.count || a.choice.localeCompare(b.choice));
  for (const r of comments) {
    const s = of(r.page);
    if (s.comments.length < PAGE_FEEDBACK_LATEST_COMMENTS)
      s.comments.push({ day: r.day, rating: r.rating, text: r.comment! });
  }
  return [...pages.values()].sort((a, b) => b.count - a.count || a.page.localeCompare(b.page));
}
