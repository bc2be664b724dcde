import type { Check, CheckResult, DoctorEnv } from "./check.js";
import { checkBinfmt } from "./checks/binfmt.js";
import { checkCapabilities } from "./checks/capabilities.js";
import { checkInterop } from "./checks/interop.js";
import { checkNetworking } from "./checks/networking.js";
import { checkPowershell } from "./checks/powershell.js";
import { checkSystemd } from "./checks/systemd.js";
import { checkTools } from "./checks/tools.js";
import { checkVsock } from "./checks/vsock.js";
import { checkWsl } from "./checks/wsl.js";
import { errorMessage } from "../errors.js";

/** In order: causes before the symptom (interop runs last, after what breaks it). */
const checks: readonly Check[] = [checkNetworking, checkBinfmt, checkVsock, checkPowershell, checkSystemd, checkTools, checkCapabilities, checkInterop];

/** Runs every check; a check that throws becomes a failure instead of stopping the others. */
export async function runDoctor(env: DoctorEnv): Promise<CheckResult[]> {
  const wsl = await checkWsl(env);
  const ctx = { inWsl: wsl.status === "ok" || /WSL 1/.test(wsl.detail) };
  const results: CheckResult[] = [wsl];
  for (const check of checks) {
    results.push(
      await check(env, ctx).catch((e: unknown) => ({
        id: check.name, title: check.name, status: "fail" as const,
        detail: `the check itself failed: ${errorMessage(e)}`,
        fix: "report this as a bug with the output of `wsl-vpn-agent doctor --json`",
      })),
    );
  }
  return results;
}

/** True when nothing failed (skips are fine). Pure. */
export function allGood(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.status !== "fail");
}
