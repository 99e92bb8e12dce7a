/**
 * Concurrent load on one route of a running portal with autocannon, and what the server's
 * processes and the machine spent meanwhile (Linux /proc; "n/a" elsewhere).
 *
 * Requests rotate over the given list (one request after the other, in turn across every
 * connection): a resident's session with that resident's own path, a different search, a different
 * notice, so that no single dossier stays hot in a cache. They carry no Accept-Encoding: the figures
 * are the portal's own work, without compression.
 */
import fs from "node:fs";
import os from "node:os";
import autocannon, { type AutocannonRequest, type Result } from "autocannon";

/** One request of a rotation. */
export interface LoadRequest {
  method?: "GET" | "POST";
  /** Path and query, e.g. /area-personale/pagamenti/42. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Origin of the portal, e.g. http://127.0.0.1:41234. */
  url: string;
  /** What the route is called in reports. */
  label: string;
  /** The requests to rotate over (at least one). */
  requests: LoadRequest[];
  connections: number;
  /** Seconds of measured load, after `warmup` seconds of the same load that are not counted. */
  duration: number;
  warmup: number;
  /** The server's process id (the cluster's primary when it has workers), for CPU time (Linux). */
  serverPid?: number;
}

export interface LoadResult {
  label: string;
  requests: number;
  perSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  /** Answers other than 2xx, by status. */
  non2xx: number;
  statuses: Record<string, number>;
  /** Connection errors, timeouts included. */
  errors: number;
  /** CPU time of the server's processes (the primary and its workers) per request, in ms; null when it cannot be read. */
  serverCpuMs: number | null;
  /** Share of the whole machine's CPU in use during the measured load, 0..1 (null off Linux). */
  machineBusy: number | null;
}

/** The same path for every request, each with the next cookie of `cookies` (none when empty). */
export function sessionRequests(path: string, cookies: string[]): LoadRequest[] {
  return cookies.length === 0 ? [{ path }] : cookies.map((cookie) => ({ path, headers: { cookie } }));
}

function rotating(list: LoadRequest[]): AutocannonRequest[] {
  if (list.length === 0) throw new Error("no request to send");
  let next = 0;
  return [
    {
      method: list[0]!.method ?? "GET",
      path: list[0]!.path,
      setupRequest: (req) => {
        const r = list[next++ % list.length]!;
        return {
          ...req,
          method: r.method ?? "GET",
          path: r.path,
          headers: { ...req.headers, ...r.headers },
          ...(r.body !== undefined ? { body: r.body } : {}),
        };
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
    requests: rotating(opts.requests),
  });
}

/** USER_HZ: 100 on every Linux we run on. */
const CLOCK_TICKS = 100;

/** The fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold spaces). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** The live child processes of `pid`, from every one of its threads (Linux). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const list = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of list.split(/\s+/)) if (child) out.push(Number(child));
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return out;
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childPids(all[i]!));
  return all;
}

/**
 * CPU time in ms of `pid` and its descendants (Linux): their utime + stime, plus the time of
 * children that ended and were reaped (cutime + cstime), so that a worker replaced during the
 * load still counts.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  const own = statFields(pid);
  if (!own) return null;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const child of processTree(pid).slice(1)) {
    const f = statFields(child);
    if (f) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

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

export async function loadRoute(opts: LoadOptions): Promise<LoadResult> {
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
    label: opts.label,
    requests,
    perSecond: requests / r.duration,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
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
