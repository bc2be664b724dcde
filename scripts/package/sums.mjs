// SHA256SUMS in `sha256sum -c` format over every file under a directory (sorted: same tree, same file).
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

export async function writeSums(dir) {
  const out = join(dir, "SHA256SUMS");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).filter((f) => f !== "SHA256SUMS").sort();
  const lines = [];
  for (const f of files) lines.push(`${createHash("sha256").update(await readFile(join(dir, f))).digest("hex")}  ${f}`);
  await writeFile(out, lines.join("\n") + "\n");
  return out;
}
