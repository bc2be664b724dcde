import { chmod, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes `text` to `path` as node_exporter's textfile collector needs it: a temp file in the same
 * directory (not ending in .prom, so the collector never reads it half-written), mode 0644 whatever
 * the umask (node_exporter runs as its own user), then one rename. Rejects on failure, leaving
 * `path` as it was and no temp file behind.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text, { mode: 0o644 });
    await chmod(temp, 0o644);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
