import { spawn } from "node:child_process";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { onConfigPath } from "../config/pathError.js";
import { EnvironmentError, ExitCode } from "../errors.js";

/** The lock file in the state directory: one agent (or `probe --apply`) per state directory. */
export const LOCK_FILE = "agent.lock";

/** What takes the lock, written into the file so a loser can name its holder. */
export type LockHolder = "run" | "run --dry-run" | "probe" | "probe --apply";

/** A held lock: the kernel lets go when it is released or the process dies, however it dies. */
export interface AgentLock {
  release(): Promise<void>;
}

/** Who holds the lock, as its holder wrote it ("4711, run"), or "" when it has not yet. */
export interface LockHeld {
  readonly heldBy: string;
  readonly path: string;
}

/**
 * Takes the exclusive lock of `stateDir` without waiting, before anything else is touched: two
 * agents started together would both flush the other's rules, routes and clamp and interleave
 * their journal records. A flock(2) lock on `agent.lock`, not a pid file (a stale one cannot be
 * told from a live one without a race) nor an abstract socket (any local user could squat its
 * name, and it is per network namespace while the state directory is not). Node cannot call
 * flock(2), so flock(1) locks our open file description through an inherited fd and exits; the
 * lock stays with our descriptor (opened close-on-exec: no later child keeps it after we die).
 */
export async function lockStateDir(stateDir: string, holder: LockHolder): Promise<AgentLock | LockHeld> {
  const path = join(stateDir, LOCK_FILE);
  const handle = await onConfigPath("state.dir", "lock", path, async () => {
    await mkdir(stateDir, { recursive: true });
    return open(path, "a+", 0o640);
  });
  try {
    const r = await flockFd(handle.fd);
    if (r.exitCode === ExitCode.tempFail) {
      const heldBy = await holderOf(handle);
      await handle.close();
      return { heldBy, path };
    }
    if (r.exitCode !== 0) {
      const why = r.exitCode === null ? r.stderr : `flock failed: ${r.stderr || `exit ${r.exitCode}`}`;
      throw new EnvironmentError(`state.dir: cannot lock ${path}: ${why}`);
    }
    await handle.truncate(0);
    await handle.write(`${process.pid} ${holder}\n`, 0);
    return { release: () => handle.close() };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** Takes the lock, or fails with exit 75 and one line naming its holder, having changed nothing. */
export async function takeAgentLock(stateDir: string, holder: LockHolder): Promise<AgentLock> {
  const lock = await lockStateDir(stateDir, holder);
  if ("release" in lock) return lock;
  throw new EnvironmentError(`${heldMessage(lock)}: nothing was changed; stop it first`, ExitCode.tempFail);
}

/** "PATH is held by another wsl-vpn-agent (pid 4711, run)". Pure. */
export function heldMessage(held: LockHeld): string {
  return `${held.path} is held by another wsl-vpn-agent${held.heldBy === "" ? "" : ` (pid ${held.heldBy})`}`;
}

/** The holder's own line, only when it is one we write (the file is readable by others). */
async function holderOf(handle: FileHandle): Promise<string> {
  const buf = Buffer.alloc(64);
  const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
  const m = /^(\d{1,10}) (run|run --dry-run|probe|probe --apply)\n$/.exec(buf.subarray(0, bytesRead).toString("latin1"));
  return m === null ? "" : `${m[1]}, ${m[2]}`;
}

/**
 * Runs `flock --nonblock 3` with our descriptor as its fd 3 (execa cannot pass one). Exit 75 when
 * held; exitCode null when flock could not run, with the reason in stderr.
 */
function flockFd(fd: number): Promise<{ exitCode: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("flock", ["--nonblock", "--conflict-exit-code", String(ExitCode.tempFail), "3"], { stdio: ["ignore", "ignore", "pipe", fd], env: { ...process.env, LC_ALL: "C" } });
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => void (stderr.length < 2000 && (stderr += c.toString("utf8"))));
    child.once("error", (error: NodeJS.ErrnoException) => resolve({ exitCode: null, stderr: error.code === "ENOENT" ? "flock(1) is not installed (package util-linux)" : error.message }));
    child.once("close", (code) => resolve({ exitCode: code, stderr: stderr.trim() }));
  });
}
