import { access, constants } from "node:fs/promises";
import { skipOutsideWsl, under, type CheckResult, type DoctorContext, type DoctorEnv } from "../check.js";

const id = "powershell";
const title = "PowerShell executable";

/** The watcher runs PowerShell by absolute path: a systemd service has no Windows PATH. */
export async function checkPowershell(env: DoctorEnv, ctx: DoctorContext): Promise<CheckResult> {
  if (env.watchCommand !== null) return { id, title, status: "skip", detail: "skipped: windows.watchCommand replaces PowerShell" };
  if (!ctx.inWsl) return skipOutsideWsl(id, title);
  const path = env.powershellPath;
  const ok = await access(under(env, path), constants.X_OK).then(() => true, () => false);
  if (ok) return { id, title, status: "ok", detail: path };
  return {
    id, title, status: "fail",
    detail: `${path} does not exist or is not executable`,
    fix: "check that C: is mounted at /mnt/c ([automount] in /etc/wsl.conf), or set windows.powershell in the config to the absolute path of powershell.exe",
  };
}
