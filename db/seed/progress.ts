/** Progress bar on stderr and the final report on stdout, for the command line. */
import type { SeedSummary } from "./index";

export class ProgressBar {
  private lastDraw = 0;

  constructor(
    private readonly total: number,
    private readonly started: number,
  ) {}

  update(residents: number, rows: number, now: number, force = false): void {
    if (!force && now - this.lastDraw < 250) return;
    this.lastDraw = now;
    const share = Math.min(1, residents / this.total);
    const width = 30;
    const filled = Math.round(share * width);
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = rows / seconds;
    const line =
      `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ` +
      `${residents.toLocaleString("it-IT")}/${this.total.toLocaleString("it-IT")} residenti, ` +
      `${Math.round(rate / 1000).toLocaleString("it-IT")}k righe/s`;
    process.stderr.write(`\r${line}`);
  }

  phase(text: string): void {
    process.stderr.write(`\r\x1b[K${text}`);
  }

  done(): void {
    process.stderr.write("\r\x1b[K");
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString("it-IT", { maximumFractionDigits: 1 })} MB`;
}

export function printReport(summary: SeedSummary): void {
  const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  const width = Math.max(...Object.keys(summary.rows).map((t) => t.length), 6);
  const lines = ["Righe per tabella:"];
  for (const [table, n] of Object.entries(summary.rows).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${table.padEnd(width)} ${n.toLocaleString("it-IT").padStart(12)}`);
  }
  lines.push(`  ${"totale".padEnd(width)} ${total.toLocaleString("it-IT").padStart(12)}`);
  lines.push(
    `Residenti: ${summary.citizens.toLocaleString("it-IT")}; righe per residente: ` +
      `${(total / summary.citizens).toLocaleString("it-IT", { maximumFractionDigits: 1 })}`,
  );
  lines.push(
    `Tempo: ${summary.seconds.toLocaleString("it-IT", { maximumFractionDigits: 1 })} s; ` +
      `${Math.round(total / summary.seconds).toLocaleString("it-IT")} righe/s`,
  );
  if (summary.fileBytes !== undefined) lines.push(`File: ${megabytes(summary.fileBytes)}`);
  console.log(lines.join("\n"));
}
