import { access, constants, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { runCommand } from "../effects/run.js";
import { decideMode, defaultRouteOf, type ModeEvidence, type NetworkMode } from "./networkMode.js";

/** Where WSL puts wslinfo (a link to /init); an absolute path, never looked up on PATH. */
const WSLINFO = "/usr/bin/wslinfo";

/** WSL's networking mode as the doctor decides it, for the agent's info metric ("unknown" outside WSL). */
export async function readNetworkMode(root = "/"): Promise<NetworkMode> {
  return decideMode(await readModeEvidence(root)).mode;
}

/** What the mode is decided from, read under `root` (the doctor's test trees use another). */
export async function readModeEvidence(root: string): Promise<ModeEvidence> {
  const interfaces = ((await readdir(join(root, "/sys/class/net")).catch(() => [])) as string[]).sort();
  const uevent = await readTextOrNull(join(root, "/sys/class/net/eth0/device/uevent"));
  const route = await readTextOrNull(join(root, "/proc/net/route"));
  return {
    wslinfo: await askWslinfo(root),
    interfaces,
    eth0Driver: /^DRIVER=(\S+)$/m.exec(uevent ?? "")?.[1] ?? null,
    defaultRoute: route === null ? null : defaultRouteOf(route),
  };
}

async function readTextOrNull(path: string): Promise<string | null> {
  return readFile(path, "utf8").catch(() => null);
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
