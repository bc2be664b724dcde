import { chmod, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** What happened to one installed path. */
export type Change = "created" | "updated" | "unchanged";

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Writes `content` to `dest` unless it already holds exactly that (idempotent upgrades). */
export async function syncContent(content: string | Buffer, dest: string, mode: number): Promise<Change> {
  const before = await readOrNull(dest);
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  if (before !== null && before.equals(bytes)) return "unchanged";
  await mkdir(dirname(dest), { recursive: true, mode: 0o755 });
  // A new file renamed over the old one: the old may be a running executable (ETXTBSY if written).
  const temp = `${dest}.wva-new`;
  await writeFile(temp, bytes, { mode });
  await chmod(temp, mode); // writeFile's mode only applies to new files
  await rename(temp, dest);
  return before === null ? "created" : "updated";
}

/** Mirrors directory `src` into `dest` (files not in `src` are removed); the most significant change. */
export async function syncTree(src: string, dest: string): Promise<Change> {
  const changes: Change[] = [];
  const entries = await readdir(src, { withFileTypes: true });
  for (const e of entries) {
    const from = join(src, e.name);
    const to = join(dest, e.name);
    changes.push(e.isDirectory() ? await syncTree(from, to) : await syncContent(await readFile(from), to, 0o644));
  }
  const wanted = new Set(entries.map((e) => e.name));
  const present = await readdir(dest).catch(() => [] as string[]);
  for (const name of present.filter((n) => !wanted.has(n))) {
    await rm(join(dest, name), { recursive: true, force: true });
    changes.push("updated");
  }
  if (changes.every((c) => c === "unchanged")) return "unchanged";
  return changes.every((c) => c === "created") ? "created" : "updated";
}

/** Makes `path` a symlink to `target`; refuses to replace something that is not a symlink. */
export async function syncSymlink(target: string, path: string): Promise<Change | "foreign"> {
  const stat = await lstat(path).catch(() => null);
  if (stat !== null && !stat.isSymbolicLink()) return "foreign";
  if (stat !== null && (await readlink(path)) === target) return "unchanged";
  if (stat !== null) await rm(path);
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  await symlink(target, path);
  return stat === null ? "created" : "updated";
}

/** Removes a file, symlink or directory tree; true when something was there. */
export async function removePath(path: string): Promise<boolean> {
  const stat = await lstat(path).catch(() => null);
  if (stat === null) return false;
  await rm(path, { recursive: true, force: true });
  return true;
}

/** True when `path` is a symlink pointing at `target`. */
export async function isSymlinkTo(path: string, target: string): Promise<boolean> {
  const stat = await lstat(path).catch(() => null);
  return stat !== null && stat.isSymbolicLink() && (await readlink(path)) === target;
}

/** True when something (even a dangling symlink) is at `path`. */
export async function present(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null)) !== null;
}
