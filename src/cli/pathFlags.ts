import { access, constants, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { nonDirectoryAncestor } from "../config/pathError.js";
import { UsageError } from "../errors.js";

/**
 * `--root DIR`: resolved; a directory, or one that can be created (nothing on the way to it is a
 * file). Usage error (64) naming the flag otherwise.
 */
export async function rootFlag(raw: string, flag = "--root"): Promise<string> {
  const root = resolve(raw);
  const blocker = await nonDirectoryAncestor(root);
  if (blocker === root) throw new UsageError(`${flag}: ${root} is not a directory`);
  if (blocker !== null) throw new UsageError(`${flag}: cannot create ${root}: ${blocker} is not a directory`);
  return root;
}

/** An absolute path to an existing executable file (what systemd's ExecStart= needs). Usage error (64) naming the flag otherwise. */
export async function executableFlag(raw: string, flag: string): Promise<string> {
  if (!isAbsolute(raw)) throw new UsageError(`${flag}: expected an absolute path, got ${JSON.stringify(raw)}`);
  const st = await stat(raw).catch(() => null);
  if (st === null) throw new UsageError(`${flag}: no such file ${raw}`);
  if (!st.isFile()) throw new UsageError(`${flag}: ${raw} is not a file`);
  const runnable = await access(raw, constants.X_OK).then(() => true, () => false);
  if (!runnable) throw new UsageError(`${flag}: ${raw} is not executable`);
  return raw;
}
