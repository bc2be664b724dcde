import { skipOutsideWsl, type CheckResult, type DoctorContext, type DoctorEnv } from "../check.js";
import { decideMode, modeAdvice } from "../../wsl/networkMode.js";
import { readModeEvidence } from "../../wsl/readNetworkMode.js";

const id = "networking";
const title = "WSL networking mode";

/** Says which networking mode WSL runs in and what that was read from; fails only when WSL gave no network. */
export async function checkNetworking(env: DoctorEnv, ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.inWsl) return skipOutsideWsl(id, title);
  const evidence = await readModeEvidence(env.root);
  const { mode, evidence: said } = decideMode(evidence);
  const detail = `${mode} (${said.join("; ")}): ${modeAdvice(mode)}`;
  if (mode === "none") return { id, title, status: "fail", detail, fix: "set networkingMode to nat or mirrored in %UserProfile%\\.wslconfig under [wsl2], then run `wsl.exe --shutdown`" };
  return { id, title, status: "ok", detail };
}
