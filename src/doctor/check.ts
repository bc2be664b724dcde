import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** One doctor finding. `fix` is set for every failure: what to run or change. */
export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly status: "ok" | "fail" | "skip";
  readonly detail: string;
  readonly fix?: string;
}

/** Where the doctor looks. Tests point `root` at a fixture tree instead of `/`. */
export interface DoctorEnv {
  /** Prefix for every system path read (/proc, /sys, /etc, PATH entries, unit files). */
  readonly root: string;
  /** PowerShell as configured (absolute; read under `root`). */
  readonly powershellPath: string;
  /** `windows.watchCommand`, when configured: the interop check runs it instead of PowerShell. */
  readonly watchCommand: readonly string[] | null;
  /** `windows.vpnPatterns`: how the interop check tells a VPN adapter; null is the built-in list. */
  readonly vpnPatterns: readonly string[] | null;
  /** Directories searched for ip, curl and ping (under `root`). */
  readonly pathDirs: readonly string[];
  /** How long the watcher may take to print its first snapshot. */
  readonly interopTimeoutMs: number;
}

/** What earlier checks learned, so later ones can skip with a reason instead of failing twice. */
export interface DoctorContext {
  readonly inWsl: boolean;
}

export type Check = (env: DoctorEnv, ctx: DoctorContext) => Promise<CheckResult>;

/** A system path inside the doctor's root. Pure. */
export function under(env: DoctorEnv, path: string): string {
  return join(env.root, path);
}

/** A file's text, or null when it cannot be read (missing, no permission). */
export async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

/** The result for a WSL-only check run outside WSL. */
export function skipOutsideWsl(id: string, title: string): CheckResult {
  return { id, title, status: "skip", detail: "skipped: not running inside WSL" };
}
