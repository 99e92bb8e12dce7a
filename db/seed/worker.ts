/**
 * Generation on a second thread for large seeds: the main thread writes batch k while this one
 * builds batch k+1. At most a few batches wait in between, so memory stays flat. For PostgreSQL
 * the batches leave here already in COPY format, their bytes transferred rather than copied.
 */
import { parentPort, workerData } from "node:worker_threads";
import { toCopyTables } from "./copy-text";
import { flatten } from "./flat";
import { generate, type GenerateOptions } from "./generate";

export interface WorkerInput {
  options: GenerateOptions;
  batchResidents: number;
  /** `flat`: FlatTable[] per batch (SQLite); `copy`: CopyTable[] (PostgreSQL). */
  format: "flat" | "copy";
  /** Int32 [0]: batches the writer has finished. */
  progress: SharedArrayBuffer;
}

const AHEAD = 3;
const input = workerData as WorkerInput;
const written = new Int32Array(input.progress);
let posted = 0;
for (const batch of generate(input.options, input.batchResidents)) {
  for (let done = Atomics.load(written, 0); posted - done >= AHEAD; done = Atomics.load(written, 0)) {
    Atomics.wait(written, 0, done, 1000);
  }
  if (input.format === "copy") {
    const tables = toCopyTables(batch.rows);
    parentPort!.postMessage(
      { residents: batch.residents, tables },
      tables.map((t) => t.data.buffer as ArrayBuffer),
    );
  } else {
    parentPort!.postMessage({ residents: batch.residents, tables: flatten(batch.rows) });
  }
  posted++;
}
parentPort!.postMessage({ done: true });
