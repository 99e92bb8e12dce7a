import net from "node:net";

/**
 * Settings about the network around the portal: which proxies may tell it the client's address
 * (TRUST_PROXY), and whether it listens only on this machine (what demo mode requires).
 */

/** Express's `trust proxy`: nobody (false), a number of hops, or addresses, networks and names. */
export type TrustProxy = false | number | string[];

/** Express's names for sets of addresses, accepted as they are. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);
const MAX_HOPS = 10;

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const slash = entry.indexOf("/");
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const family = net.isIP(address);
  if (!family) return false;
  if (slash < 0) return true;
  const prefix = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Reads TRUST_PROXY. Empty, "false" or "none": no proxy is trusted and X-Forwarded-For is ignored
 * (the address is the connection's). A whole number: that many proxies in front of the portal. A
 * comma-separated list: the addresses or networks (CIDR) of the proxies, or Express's names
 * loopback, linklocal, uniquelocal. Returns the value for Express, or an Italian message.
 */
export function parseTrustProxy(raw: string | undefined): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "none" || value === "0") return { ok: true, value: false };
  if (value === "true" || value === "*") {
    return {
      ok: false,
      message:
        "fidarsi di qualunque indirizzo permetterebbe a ogni client di scegliere il proprio indirizzo con X-Forwarded-For: indica gli indirizzi o le reti dei proxy (es. 127.0.0.1 oppure 10.0.0.0/8) o il numero di proxy davanti al portale",
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS) return { ok: false, message: `al massimo ${MAX_HOPS} proxy davanti al portale` };
    return { ok: true, value: hops };
  }
  const entries = value.split(",").map((s) => s.trim());
  const bad = entries.filter((e) => !isAddressOrNetwork(e));
  if (bad.length) {
    return {
      ok: false,
      message: `${bad.map((b) => `«${b}»`).join(", ")} non è un indirizzo IP, una rete CIDR (es. 10.0.0.0/8) o uno tra loopback, linklocal, uniquelocal; usa un elenco separato da virgole, oppure il numero di proxy, oppure false`,
    };
  }
  return { ok: true, value: entries };
}

/** Whether HOST makes the server listen only on this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const v4 = h.startsWith("::ffff:") ? h.slice(7) : h;
  if (net.isIPv4(v4)) return v4.startsWith("127.");
  // The URL parser writes IPv6 addresses in their shortest form (0:0:0:0:0:0:0:1 is [::1]).
  if (net.isIPv6(h)) return new URL(`http://[${h}]/`).hostname === "[::1]";
  return false;
}
