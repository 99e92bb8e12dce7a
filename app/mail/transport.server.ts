import fs from "node:fs";
import path from "node:path";
import type { SendMailOptions, Transporter } from "nodemailer";
import type { Config } from "~/env.server";
import type { MailTransport, OutgoingMail } from "~/mail/queue.server";

/**
 * Where mail goes: an SMTP server (SMTP_URL), or in demo mode without one the demo outbox, a folder
 * of .eml files under DATA_DIR that `/demo-posta` shows. Both build the same MIME message with
 * nodemailer, so the demo shows exactly what a mail server would receive. Without either, nothing
 * is sent: the messages wait in the queue (null here). nodemailer is loaded by the first message,
 * not at start.
 */

type TransportOptions = Parameters<typeof import("nodemailer").createTransport>[0];

/** A nodemailer transporter made on first use; `current` is the one made so far, if any. */
function lazyTransporter(options: TransportOptions): {
  get(): Promise<Transporter>;
  current(): Promise<Transporter> | null;
} {
  let made: Promise<Transporter> | null = null;
  return {
    get: () =>
      (made ??= import("nodemailer").then(({ default: nodemailer }) => nodemailer.createTransport(options))),
    current: () => made,
  };
}

/** The demo outbox's folder. */
export function outboxDir(dataDir: string): string {
  return path.join(dataDir, "posta-demo");
}

export function outboxFile(dataDir: string, id: number): string {
  return path.join(outboxDir(dataDir), `${id}.eml`);
}

function envelope(mail: OutgoingMail): SendMailOptions {
  const headers: Record<string, string> = {};
  if (mail.unsubscribeUrl) {
    // RFC 8058: the mail client's own "unsubscribe" posts to this address, in one click.
    headers["List-Unsubscribe"] = `<${mail.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = lazyTransporter({
    url: smtpUrl,
    // A page never waits on the mail server (sending happens in the job), but the job must not
    // hang on a dead one either.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: "smtp",
    async send(mail) {
      await (await transporter.get()).sendMail(envelope(mail));
    },
    close: () => void transporter.current()?.then((t) => t.close()),
  };
}

export function outboxTransport(dataDir: string): MailTransport {
  const transporter = lazyTransporter({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    name: "posta-demo",
    async send(mail) {
      const info = await (await transporter.get()).sendMail(envelope(mail));
      const dir = outboxDir(dataDir);
      await fs.promises.mkdir(dir, { recursive: true });
      const file = outboxFile(dataDir, mail.id);
      // Written aside and renamed: the outbox never shows half a message.
      await fs.promises.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.promises.rename(`${file}.tmp`, file);
    },
  };
}

export function createMailTransport(config: Pick<Config, "mail" | "dataDir">): MailTransport | null {
  if (config.mail.smtpUrl) return smtpTransport(config.mail.smtpUrl);
  if (config.mail.outbox) return outboxTransport(config.dataDir);
  return null;
}
