import { readText, under, type CheckResult, type DoctorEnv } from "../check.js";

const id = "capabilities";
const title = "capabilities CAP_NET_ADMIN and CAP_NET_RAW";
/** Bit numbers from linux/capability.h. */
const needed = { CAP_NET_ADMIN: 12n, CAP_NET_RAW: 13n } as const;

/** Setting the MTU and routes needs CAP_NET_ADMIN; `ping -M do` needs CAP_NET_RAW. */
export async function checkCapabilities(env: DoctorEnv): Promise<CheckResult> {
  const status = await readText(under(env, "/proc/self/status"));
  const hex = status?.match(/^CapEff:\s*([0-9a-f]+)\s*$/im)?.[1];
  if (hex === undefined) return { id, title, status: "fail", detail: "cannot read CapEff from /proc/self/status", fix: "run the doctor on Linux with /proc mounted" };
  const effective = BigInt(`0x${hex}`);
  const missing = Object.entries(needed).filter(([, bit]) => (effective & (1n << bit)) === 0n).map(([name]) => name);
  if (missing.length === 0) return { id, title, status: "ok", detail: `CapEff ${hex}` };
  return {
    id, title, status: "fail",
    detail: `missing ${missing.join(", ")} (CapEff ${hex})`,
    fix: "run as root (sudo wsl-vpn-agent …), or run the systemd service, which grants AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW",
  };
}
