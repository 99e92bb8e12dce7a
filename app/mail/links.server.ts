import crypto from "node:crypto";
import type { Config } from "~/env.server";
import type { StoppableMailKind } from "~/mail/messages";

/**
 * What a mail needs to link back to the portal: its public address, its name, and the key that
 * signs the one-click links to stop a kind of mail (no login needed, nothing guessable).
 */
export interface MailLinks {
  publicUrl: string;
  portalName: string;
  secret: string;
}

export function mailLinks(config: Pick<Config, "publicUrl" | "sessionSecret" | "org">): MailLinks {
  return { publicUrl: config.publicUrl, portalName: config.org.displayName, secret: config.sessionSecret };
}

function unsubscribeToken(secret: string, citizenId: number, kind: StoppableMailKind): string {
  return crypto.createHmac("sha256", secret).update(`posta-stop:${citizenId}:${kind}`).digest("base64url");
}

/** The link in every mail of `kind` to a citizen that stops that kind of mail. */
export function unsubscribeUrl(links: MailLinks, citizenId: number, kind: StoppableMailKind): string {
  const t = unsubscribeToken(links.secret, citizenId, kind);
  return `${links.publicUrl}/posta/disiscrizione?c=${citizenId}&k=${kind}&t=${t}`;
}

export function verifyUnsubscribe(
  secret: string,
  citizenId: number,
  kind: StoppableMailKind,
  token: string,
): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, citizenId, kind));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** A new address-confirmation token and the hash that is stored (the token itself never is). */
export function newConfirmationToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashConfirmationToken(token) };
}

export function hashConfirmationToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
