import { access, constants, readdir } from "node:fs/promises";
import { runCommand } from "../../effects/run.js";
import { join } from "node:path";
import { readText, skipOutsideWsl, type CheckResult, type DoctorContext, type DoctorEnv } from "../check.js";
import { decideMode, defaultRouteOf, modeAdvice, type ModeEvidence, type NetworkMode } from "./networkMode.js";

const id = "networking";
const title = "WSL networking mode";
/** Where WSL puts wslinfo (a link to /init); an absolute path, never looked up on PATH. */
const WSLINFO = "/usr/bin/wslinfo";

/** Says which networking mode WSL runs in and what that was read from; fails only when WSL gave no network. */
export async function checkNetworking(env: DoctorEnv, ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.inWsl) return skipOutsideWsl(id, title);
  const evidence = await readModeEvidence(env.root);
  const { mode, evidence: said } = decideMode(evidence);
  const detail = `${mode} (${said.join("; ")}): ${modeAdvice(mode)}`;
  if (mode === "none") return { id, title, status: "fail", detail, fix: "set networkingMode to nat or mirrored in %UserProfile%\\.wslconfig under [wsl2], then run `wsl.exe --shutdown`" };
  return { id, title, status: "ok", detail };
}

/** WSL's networking mode as the doctor decides it, for the agent's info metric ("unknown" outside WSL). */
export async function readNetworkMode(root = "/"): Promise<NetworkMode> {
  return decideMode(await readModeEvidence(root)).mode;
}

/** What the mode is decided from, read under `root` (the doctor's test trees use another). */
async function readModeEvidence(root: string): Promise<ModeEvidence> {
  const interfaces = ((await readdir(join(root, "/sys/class/net")).catch(() => [])) as string[]).sort();
  const uevent = await readText(join(root, "/sys/class/net/eth0/device/uevent"));
  const route = await readText(join(root, "/proc/net/route"));
  return {
    wslinfo: await askWslinfo(root),
    interfaces,
    eth0Driver: /^DRIVER=(\S+)$/m.exec(uevent ?? "")?.[1] ?? null,
    defaultRoute: route === null ? null : defaultRouteOf(route),
  };
}

/** `wslinfo --networking-mode`, or null when it is absent or does not answer in 3 s (it asks init over the interop socket). */
async function askWslinfo(root: string): Promise<string | null> {
  const path = join(root, WSLINFO);
  if (!(await access(path, constants.X_OK).then(() => true, () => false))) return null;
  const r = await runCommand([path, "--networking-mode"], { timeoutMs: 3000 });
  const answer = r.stdout.trim().split("\n")[0]?.trim() ?? "";
  // Bounded and printable: it goes into the report as evidence.
  return r.ok && /^[\x20-\x7e]{1,40}$/.test(answer) ? answer : null;
}
