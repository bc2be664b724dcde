import { CAP, effectiveCaps, hasCap } from "../capEff.js";
import { readText, under, type CheckResult, type DoctorEnv } from "../check.js";

const id = "capabilities";
const title = "capabilities CAP_NET_ADMIN and CAP_NET_RAW";
const needed = { CAP_NET_ADMIN: CAP.NET_ADMIN, CAP_NET_RAW: CAP.NET_RAW } as const;

/** Setting the MTU and routes needs CAP_NET_ADMIN; `ping -M do` needs CAP_NET_RAW. */
export async function checkCapabilities(env: DoctorEnv): Promise<CheckResult> {
  const status = await readText(under(env, "/proc/self/status"));
  const effective = effectiveCaps(status);
  if (effective === null) return { id, title, status: "fail", detail: "cannot read CapEff from /proc/self/status", fix: "run the doctor on Linux with /proc mounted" };
  const missing = Object.entries(needed).filter(([, bit]) => !hasCap(effective.bits, bit)).map(([name]) => name);
  if (missing.length === 0) return { id, title, status: "ok", detail: `CapEff ${effective.hex}` };
  return {
    id, title, status: "fail",
    detail: `missing ${missing.join(", ")} (CapEff ${effective.hex})`,
    fix: "run as root (sudo wsl-vpn-agent …), or run the systemd service, which grants AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW",
  };
}
