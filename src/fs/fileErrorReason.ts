/**
 * What went wrong reading a file, as words a user can act on, for an error from `fs` (its errno);
 * null for anything else, which callers let through as a bug. Never the raw `ENOENT: no such
 * file or directory, open '…'` text. Pure.
 */
export function readErrorReason(error: unknown): string | null {
  return fileErrorReason(error, "read");
}

/** As readErrorReason, for writing a file: ENOENT then means its directory is missing. Pure. */
export function writeErrorReason(error: unknown): string | null {
  return fileErrorReason(error, "write");
}

function fileErrorReason(error: unknown, op: "read" | "write"): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "ENOENT":
      return op === "read" ? "no such file" : "its directory does not exist";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    case "EISDIR":
    case "ERR_FS_EISDIR":
      return "it is a directory, not a file";
    case "ENOTDIR":
      return "a part of its path is not a directory";
    case "EACCES":
    case "EPERM":
      return `permission denied (run as root, or make it ${op === "read" ? "readable" : "writable"})`;
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENAMETOOLONG":
      return "its name is too long";
    case "EIO":
      return "input/output error from the disk";
    case undefined:
      return null;
    default:
      return typeof code === "string" && code.startsWith("E") ? `the system refused (${code})` : null;
  }
}
