import { readFile } from "node:fs/promises";
import { CAP, effectiveCaps, hasCap } from "../doctor/capEff.js";
import { EnvironmentError, ExitCode } from "../errors.js";

/** Whether a process may add policy routes: effective uid 0, or CAP_NET_ADMIN in its CapEff. Pure. */
export function mayChangeRouting(euid: number | undefined, procStatus: string | null): boolean {
  if (euid === 0) return true;
  const caps = effectiveCaps(procStatus);
  return caps !== null && hasCap(caps.bits, CAP.NET_ADMIN);
}

/**
 * Fails with exit 77 unless this process may change routing. Checked before probing: without it
 * every `ip rule add` fails with EPERM, which the probe would report as a network finding.
 */
export async function requireRoutingAccess(what: string): Promise<void> {
  const status = await readFile("/proc/self/status", "utf8").catch(() => null);
  if (!mayChangeRouting(process.geteuid?.(), status)) {
    throw new EnvironmentError(`${what} needs root or CAP_NET_ADMIN (it installs temporary policy routes): run it with sudo`, ExitCode.noPermission);
  }
}
