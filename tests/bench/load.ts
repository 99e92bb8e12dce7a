/**
 * Concurrent load on one page of a running portal with autocannon, and what the server process
 * and the machine spent meanwhile (Linux /proc; "n/a" elsewhere).
 *
 * Requests rotate over the given session cookies (one resident per request, in turn across every
 * connection), so that no single dossier stays hot in a cache. They carry no Accept-Encoding: the
 * figures are the portal's own work, without compression.
 */
import fs from "node:fs";
import os from "node:os";
import autocannon, { type AutocannonRequest, type Result } from "autocannon";

export interface LoadOptions {
  /** Origin of the portal, e.g. http://127.0.0.1:41234. */
  url: string;
  path: string;
  /** Cookie headers to rotate over; empty for a public page. */
  cookies: string[];
  connections: number;
  /** Seconds of measured load, after `warmup` seconds of the same load that are not counted. */
  duration: number;
  warmup: number;
  /** The server's process id, for its CPU time (Linux). */
  serverPid?: number;
}

export interface LoadResult {
  path: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Answers other than 2xx, by status. */
  non2xx: number;
  statuses: Record<string, number>;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Server process CPU time per request, in ms (null when it cannot be read). */
  serverCpuMs: number | null;
  /** Share of the whole machine's CPU in use during the measured load, 0..1 (null off Linux). */
  machineBusy: number | null;
}

function rotating(path: string, cookies: string[]): AutocannonRequest[] {
  if (cookies.length === 0) return [{ method: "GET", path }];
  let next = 0;
  return [
    {
      method: "GET",
      path,
      setupRequest: (req) => {
        const cookie = cookies[next++ % cookies.length]!;
        return { ...req, headers: { ...req.headers, cookie } };
      },
    },
  ];
}

async function fire(opts: LoadOptions, seconds: number): Promise<Result> {
  return autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: seconds,
    timeout: 30,
    requests: rotating(opts.path, opts.cookies),
  });
}

/** utime + stime of a process, in ms (Linux). */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux we run on. */
const CLOCK_TICKS = 100;

/** Busy and total jiffies of all CPUs since boot (Linux). */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export async function loadPage(opts: LoadOptions): Promise<LoadResult> {
  if (opts.warmup > 0) await fire(opts, opts.warmup);
  const cpuBefore = processCpuMs(opts.serverPid);
  const machineBefore = machineCpu();
  const r = await fire(opts, opts.duration);
  const cpuAfter = processCpuMs(opts.serverPid);
  const machineAfter = machineCpu();
  const requests = r.requests.total;
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) {
    if (!code.startsWith("2")) statuses[code] = Number(count);
  }
  return {
    path: opts.path,
    requests,
    perSecond: requests / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    statuses,
    errors: r.errors,
    serverCpuMs:
      cpuBefore !== null && cpuAfter !== null && requests > 0 ? (cpuAfter - cpuBefore) / requests : null,
    machineBusy:
      machineBefore && machineAfter && machineAfter.total > machineBefore.total
        ? (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)
        : null,
  };
}

/** One line about the machine, to tell a quiet run from a busy one. */
export function machineLine(): string {
  const [one, five] = os.loadavg();
  return `${os.cpus().length} CPUs, load average ${one!.toFixed(2)} (1 min) ${five!.toFixed(2)} (5 min)`;
}
