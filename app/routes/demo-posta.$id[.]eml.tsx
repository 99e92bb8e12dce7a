import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireId, throwNotFound } from "~/http.server";
import { outboxFile } from "~/mail/transport.server";

/** Demo only: one mail of the demo outbox as the .eml file a mail client opens. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  if (!context.config.demo) throwNotFound();
  const id = requireId(params.id);
  const row = await context.db
    .selectFrom("mail_queue")
    .select(["id", "transport"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || row.transport !== "posta-demo") throwNotFound();
  let content: Buffer;
  try {
    content = await fs.promises.readFile(outboxFile(context.config.dataDir, id));
  } catch {
    throwNotFound();
  }
  return new Response(new Uint8Array(content), {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="email-${id}.eml"`,
      "Cache-Control": "no-store",
    },
  });
}
