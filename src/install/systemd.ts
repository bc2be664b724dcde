import { access } from "node:fs/promises";
import { execa } from "execa";
import { EnvironmentError } from "../errors.js";

/** Whether systemctl may be used: only for the real root, with systemd running as init. */
export type SystemdAccess = { readonly usable: true } | { readonly usable: false; readonly reason: string };

/** Checks that `root` is "/", systemd is running (/run/systemd/system, as sd_booted) and systemctl runs. */
export async function systemdAccess(root: string): Promise<SystemdAccess> {
  if (root !== "/") return { usable: false, reason: `--root ${root} is not the running system` };
  const booted = await access("/run/systemd/system").then(() => true, () => false);
  if (!booted) return { usable: false, reason: "systemd is not running (enable it in /etc/wsl.conf: [boot] systemd=true, then wsl --shutdown)" };
  const version = await execa("systemctl", ["--version"], { reject: false });
  if (version.failed) return { usable: false, reason: "systemctl is not available" };
  return { usable: true };
}

/** Runs `systemctl ARGS...`; a failure is an EnvironmentError carrying the command and its stderr. */
export async function systemctl(args: readonly string[]): Promise<void> {
  const r = await execa("systemctl", args, { reject: false });
  if (r.failed) throw new EnvironmentError(`systemctl ${args.join(" ")} failed (exit ${r.exitCode ?? "none"}): ${r.stderr.trim() || r.shortMessage}`);
}

/** `systemctl ARGS...` whose failure is expected at times (a unit not loaded); true on success. */
export async function systemctlQuiet(args: readonly string[]): Promise<boolean> {
  const r = await execa("systemctl", args, { reject: false });
  return !r.failed;
}
