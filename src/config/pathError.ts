import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError, EnvironmentError, ExitCode, type AgentError } from "../errors.js";

/** Why a path from the config could not be used, for one errno; `permission` picks exit 77 over 78. */
export function pathReason(code: string, path: string, blocker: string | null): { reason: string; kind: "config" | "permission" | "environment" } {
  switch (code) {
    case "ENOTDIR":
    case "EEXIST":
      return { reason: `${blocker ?? "a parent"} is not a directory`, kind: "config" };
    case "EISDIR":
    case "ERR_FS_EISDIR":
      return { reason: `${path} is a directory`, kind: "config" };
    case "ENOENT":
      return { reason: "a parent directory does not exist", kind: "config" };
    case "ELOOP":
      return { reason: "too many levels of symbolic links", kind: "config" };
    case "ENAMETOOLONG":
      return { reason: "file name too long", kind: "config" };
    case "EACCES":
    case "EPERM":
      return { reason: "permission denied (run as root, or point it at a writable path)", kind: "permission" };
    case "EROFS":
      return { reason: "read-only file system (the service may write only its StateDirectory, RuntimeDirectory and ReadWritePaths=)", kind: "permission" };
    default:
      return { reason: code, kind: "environment" };
  }
}

/**
 * The named error for a failed filesystem operation on a path the config names: one line naming
 * the key, the path and the reason. ConfigError (78) when the path is unusable, EnvironmentError
 * 77 for permission, 69 for anything else with an errno. Pure.
 */
export function pathErrorFor(key: string, action: string, path: string, code: string, blocker: string | null, cause: unknown): AgentError {
  const { reason, kind } = pathReason(code, path, blocker);
  const message = `${key}: cannot ${action} ${path}: ${reason}`;
  if (kind === "config") return new ConfigError([message], { cause });
  return new EnvironmentError(message, kind === "permission" ? ExitCode.noPermission : ExitCode.unavailable, { cause });
}

/** The nearest existing ancestor of `path` that is not a directory (what ENOTDIR is about), or null. */
export async function nonDirectoryAncestor(path: string): Promise<string | null> {
  for (let p = path; p !== dirname(p); p = dirname(p)) {
    const st = await stat(p).catch(() => null);
    if (st !== null) return st.isDirectory() ? null : p;
  }
  return null;
}

/** The errno of a filesystem error, or null for anything else (a bug, which callers let through). */
export function fsErrorCode(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && (code.startsWith("E") || code === "ERR_FS_EISDIR") ? code : null;
}

/** `pathReason` for a failed step on `path`, with the file in the way found (mkdir and open name only the path they were given). */
export async function explainPathError(code: string, path: string): Promise<{ reason: string; kind: "config" | "permission" | "environment"; blocker: string | null }> {
  const blocker = code === "ENOTDIR" || code === "EEXIST" ? await nonDirectoryAncestor(path) : null;
  return { ...pathReason(code, path, blocker), blocker };
}

/**
 * Runs a filesystem step on a path from the config; an fs error becomes `pathErrorFor`'s named
 * error. Errors without an errno are bugs and pass through unchanged.
 */
export async function onConfigPath<T>(key: string, action: string, path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const code = fsErrorCode(error);
    if (code === null) throw error;
    const { blocker } = await explainPathError(code, path);
    throw pathErrorFor(key, action, path, code, blocker, error);
  }
}
