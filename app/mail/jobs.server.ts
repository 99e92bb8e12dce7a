import type { Db } from "../../db/schema";
import type { Config } from "~/env.server";
import { nowIso, todayIso } from "~/clock.server";
import type { PeriodicJob } from "~/jobs.server";
import { mailLinks } from "~/mail/links.server";
import { deliverDueMail } from "~/mail/queue.server";
import { mailAttachments } from "~/mail/receipts.server";
import { planReminders } from "~/mail/reminders.server";
import { createMailTransport } from "~/mail/transport.server";

interface MailLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The two periodic jobs of outbound mail, each run once per period across every process: delivery
 * of the queue (every 15 seconds) and the planning of the day's reminders (tried every hour, done
 * once a day). Without SMTP_URL outside demo mode there is no delivery job: messages wait.
 */
export function mailJobs(opts: { db: Db; config: Config; logger: MailLogger; holder: string }): {
  jobs: PeriodicJob[];
  close: () => void;
} {
  const { db, config, logger } = opts;
  const transport = createMailTransport(config);
  const links = mailLinks(config);
  const jobs: PeriodicJob[] = [
    {
      name: "mail-reminders",
      periodMs: 60 * 60_000 * config.jobPeriodFactor,
      leaseMs: 10 * 60_000,
      run: async () =>
        (await planReminders(db, { day: todayIso(config), now: nowIso(config), links })).queued,
    },
  ];
  if (transport) {
    jobs.push({
      name: "mail-delivery",
      periodMs: 15_000 * config.jobPeriodFactor,
      leaseMs: 5 * 60_000,
      run: () =>
        deliverDueMail({
          db,
          transport,
          from: config.mail.from,
          holder: opts.holder,
          stamp: () => nowIso(config),
          attachmentsOf: (row) => mailAttachments(db, row),
          retryFactor: config.jobPeriodFactor,
          limit: 50,
          onError: (row, err) =>
            logger.warn(
              {
                mailId: row.id,
                attempt: row.attempts + 1,
                err: err instanceof Error ? err.message : String(err),
              },
              "invio email non riuscito, nuovo tentativo più tardi",
            ),
        }),
    });
  } else {
    logger.warn({}, "SMTP_URL non impostato: le email restano in coda e non vengono inviate");
  }
  return { jobs, close: () => transport?.close?.() };
}
