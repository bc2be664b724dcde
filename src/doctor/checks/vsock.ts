import { readText, under, type CheckResult, type DoctorEnv } from "../check.js";

const id = "vsock";
const title = "AF_VSOCK allowed for the service (interop needs it)";
const units = ["/etc/systemd/system/wsl-vpn-agent.service", "/usr/lib/systemd/system/wsl-vpn-agent.service", "/lib/systemd/system/wsl-vpn-agent.service"];

/** Interop talks to Windows over AF_VSOCK: a RestrictAddressFamilies= without it breaks the watcher. */
export async function checkVsock(env: DoctorEnv): Promise<CheckResult> {
  for (const unit of units) {
    const text = await readText(under(env, unit));
    if (text === null) continue;
    const problem = vsockProblem(text);
    if (problem === null) return { id, title, status: "ok", detail: `${unit} does not block AF_VSOCK` };
    return { id, title, status: "fail", detail: `${unit}: ${problem}`, fix: `add AF_VSOCK to RestrictAddressFamilies= in ${unit}, then sudo systemctl daemon-reload && sudo systemctl restart wsl-vpn-agent` };
  }
  return { id, title, status: "skip", detail: "skipped: the wsl-vpn-agent service is not installed" };
}

/** Why a unit's RestrictAddressFamilies= blocks AF_VSOCK, or null. Pure. */
export function vsockProblem(unitText: string): string | null {
  const lines = unitText.split(/\r?\n/).map((l) => /^\s*RestrictAddressFamilies\s*=\s*(.*)$/.exec(l)?.[1]?.trim()).filter((v) => v !== undefined);
  const allow: string[] = [];
  for (const value of lines) {
    if (value === "" || value === "none") allow.splice(0); // an empty assignment resets the list
    else if (value.startsWith("~")) {
      if (value.slice(1).split(/\s+/).includes("AF_VSOCK")) return `RestrictAddressFamilies=${value} denies AF_VSOCK`;
    } else allow.push(...value.split(/\s+/));
  }
  if (allow.length > 0 && !allow.includes("AF_VSOCK")) return `RestrictAddressFamilies=${allow.join(" ")} lacks AF_VSOCK`;
  return null;
}
