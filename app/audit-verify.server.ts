import type { DbHandle } from "../db/connection";
import { loadConfig } from "~/env.server";
import {
  checkpointPath,
  describeAuditVerification,
  verifyAudit,
  writeAuditCheckpoint,
  type AuditVerification,
} from "~/audit.server";

function report(result: AuditVerification): boolean {
  if (result.ok) console.log(describeAuditVerification(result));
  else console.error(describeAuditVerification(result));
  return result.ok;
}

/**
 * `npm run audit:verify`: checks the chain and the checkpoint, names the first bad row.
 * With `init`, an intact chain that has no checkpoint yet gets one (the operator's explicit
 * decision: from then on the rows it counts are vouched for); a checkpoint that disagrees with
 * the table is never overwritten.
 */
export async function verifyAuditCli(
  handle: DbHandle,
  dataDir: string,
  opts: { init?: boolean } = {},
): Promise<boolean> {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: process.env.DEMO ?? "true" });
  const key = config.auditHmacKey;
  const result = await verifyAudit(handle.db, key, dataDir);
  if (!opts.init) return report(result);

  if (!result.ok && result.problem!.kind !== "checkpoint-missing") {
    report(result);
    console.error(
      `Checkpoint non scritto: il registro non è integro. Un checkpoint esistente non viene mai sostituito; se la perdita è accertata e accettata, spostare ${checkpointPath(dataDir)} altrove (conservandolo come prova) e ripetere.`,
    );
    return false;
  }
  if (result.rows === 0) {
    console.log(
      "Registro degli accessi vuoto: nessun checkpoint da scrivere, il portale lo crea alla prima riga.",
    );
    return true;
  }
  const written = await writeAuditCheckpoint(handle.db, key, dataDir, { create: true });
  if (written.status !== "written" && written.status !== "current") {
    console.error(`Checkpoint non scritto (${written.status}): ripetere il comando.`);
    return false;
  }
  const c = written.checkpoint;
  console.log(
    `${result.checkpoint ? "Checkpoint aggiornato" : "Checkpoint iniziale scritto"} in ${checkpointPath(dataDir)}: ${c.count} righe fino alla riga ${c.headId}.`,
  );
  return report(await verifyAudit(handle.db, key, dataDir));
}
