import { describeFailure, runCommand } from "./run.js";

/** How packets reach the target: device and next hop (null when on-link). */
export interface PathInfo {
  readonly dev: string;
  readonly gateway: string | null;
}

/** Parses `ip -j route get` output. Pure. */
export function parseRouteGet(json: string): PathInfo | null {
  try {
    const first = (JSON.parse(json) as Array<{ dev?: unknown; gateway?: unknown }>)[0];
    if (typeof first?.dev !== "string") return null;
    return { dev: first.dev, gateway: typeof first.gateway === "string" ? first.gateway : null };
  } catch {
    return null;
  }
}

/** Asks the kernel how it reaches `address` (through `iface` when given). */
export async function pathTo(address: string, iface?: string): Promise<PathInfo | { error: string }> {
  const r = await runCommand(["ip", "-j", "-4", "route", "get", address, ...(iface === undefined ? [] : ["oif", iface])], { timeoutMs: 5000 });
  const info = r.ok ? parseRouteGet(r.stdout) : null;
  return info ?? { error: describeFailure(r) };
}
