import type { DbHandle } from "../db/connection";
import { loadConfig } from "./env.server";
import { describeAuditProblem, verifyAudit } from "./audit.server";

/** `npm run audit:verify`: checks the chain and the checkpoint, names the first bad row. */
export async function verifyAuditCli(handle: DbHandle, dataDir: string): Promise<boolean> {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: process.env.DEMO ?? "true" });
  const result = await verifyAudit(handle.db, config.auditHmacKey, dataDir);
  if (result.ok) {
    console.log(
      `Registro degli accessi integro: ${result.rows} righe verificate${result.checkpoint ? `, coerente con il checkpoint del ${result.checkpoint.at}` : " (nessun checkpoint ancora scritto)"}.`,
    );
    return true;
  }
  console.error(`Registro degli accessi NON integro: ${describeAuditProblem(result.problem!)}.`);
  return false;
}
