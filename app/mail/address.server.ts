import type { Transaction } from "kysely";
import type { Database, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { enqueueMail } from "~/mail/queue.server";
import { hashConfirmationToken, newConfirmationToken, type MailLinks } from "~/mail/links.server";
import { addressConfirmationMail, type StoppableMailKind } from "~/mail/messages";

/**
 * A citizen's email address: typed in the profile, it waits (`email_pending`) until the link sent
 * to it is opened, within 24 hours; only then it becomes `email`, the address mail goes to. The
 * previous confirmed address keeps receiving mail until the new one is confirmed.
 */

export const CONFIRMATION_HOURS = 24;

type Trx = Transaction<Database>;

/**
 * Records `address` as waiting for confirmation and queues the link to it, in the caller's
 * transaction. Returns the link's expiry.
 */
export async function requestAddressConfirmation(
  trx: Trx,
  input: { citizenId: number; name: string; address: string; now: string; links: MailLinks },
): Promise<string> {
  const { token, hash } = newConfirmationToken();
  const expiresAt = new Date(Date.parse(input.now) + CONFIRMATION_HOURS * 3_600_000).toISOString();
  await trx
    .updateTable("citizens")
    .set({ email_pending: input.address, email_token_hash: hash, email_token_expires_at: expiresAt })
    .where("id", "=", input.citizenId)
    .execute();
  const confirmUrl = `${input.links.publicUrl}/conferma-email?token=${token}`;
  await enqueueMail(trx, {
    kind: "conferma-indirizzo",
    citizenId: input.citizenId,
    recipient: input.address,
    mail: addressConfirmationMail({
      portalName: input.links.portalName,
      name: input.name,
      confirmUrl,
      expiresAt,
    }),
    // One key per token: every request sends its own link.
    dedupeKey: `conferma-indirizzo:${hash}`,
    now: input.now,
  });
  return expiresAt;
}

export type ConfirmationLookup =
  { ok: true; citizenId: number; address: string } | { ok: false; reason: "non_valido" | "scaduto" };

/** The pending address a token confirms, without changing anything (the page before the button). */
export async function findConfirmation(db: Db, token: string, now: string): Promise<ConfirmationLookup> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "non_valido" };
  const row = await db
    .selectFrom("citizens")
    .select(["id", "email_pending", "email_token_expires_at"])
    .where("email_token_hash", "=", hashConfirmationToken(token))
    .executeTakeFirst();
  if (!row || !row.email_pending || !row.email_token_expires_at) return { ok: false, reason: "non_valido" };
  if (row.email_token_expires_at <= now) return { ok: false, reason: "scaduto" };
  return { ok: true, citizenId: row.id, address: row.email_pending };
}

/** Makes the pending address the citizen's address, once: the token is spent. */
export async function confirmAddress(
  db: Db,
  input: { token: string; now: string; auditKey: string },
): Promise<ConfirmationLookup> {
  return db.transaction().execute(async (trx) => {
    const found = await findConfirmation(trx, input.token, input.now);
    if (!found.ok) return found;
    const res = await trx
      .updateTable("citizens")
      .set({
        email: found.address,
        email_confirmed_at: input.now,
        email_pending: null,
        email_token_hash: null,
        email_token_expires_at: null,
        contacts_updated_at: input.now,
      })
      .where("id", "=", found.citizenId)
      .where("email_token_hash", "=", hashConfirmationToken(input.token))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return { ok: false, reason: "non_valido" };
    const citizen = await trx
      .selectFrom("citizens")
      .select("codice_fiscale")
      .where("id", "=", found.citizenId)
      .executeTakeFirstOrThrow();
    await appendAudit(trx, input.auditKey, {
      actorKind: "cittadino",
      actorCodiceFiscale: citizen.codice_fiscale,
      subjectCitizenId: found.citizenId,
      action: "profile.email.confirm",
      section: "profilo",
      details: {},
    });
    return found;
  });
}

/** The kinds of mail a citizen stopped. */
export async function stoppedMailKinds(db: Db, citizenId: number): Promise<StoppableMailKind[]> {
  const rows = await db
    .selectFrom("mail_opt_outs")
    .select("kind")
    .where("citizen_id", "=", citizenId)
    .execute();
  return rows.map((r) => r.kind as StoppableMailKind);
}

/** Stops (or starts again) one kind of mail for a citizen; idempotent. */
export async function setMailKindStopped(
  db: Db | Trx,
  input: { citizenId: number; kind: StoppableMailKind; stopped: boolean; now: string },
): Promise<void> {
  if (input.stopped)
    await db
      .insertInto("mail_opt_outs")
      .values({ citizen_id: input.citizenId, kind: input.kind, created_at: input.now })
      .onConflict((oc) => oc.columns(["citizen_id", "kind"]).doNothing())
      .execute();
  else
    await db
      .deleteFrom("mail_opt_outs")
      .where("citizen_id", "=", input.citizenId)
      .where("kind", "=", input.kind)
      .execute();
}

/** The address mail of `kind` goes to for a citizen: confirmed, and that kind not stopped; else null. */
export async function mailAddressOf(
  db: Db | Trx,
  citizenId: number,
  kind: StoppableMailKind,
): Promise<string | null> {
  const row = await db
    .selectFrom("citizens")
    .select(["email", "email_confirmed_at"])
    .where("id", "=", citizenId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mail_opt_outs")
            .select("citizen_id")
            .whereRef("mail_opt_outs.citizen_id", "=", "citizens.id")
            .where("mail_opt_outs.kind", "=", kind),
        ),
      ),
    )
    .executeTakeFirst();
  return row?.email && row.email_confirmed_at ? row.email : null;
}
