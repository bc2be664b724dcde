import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { DataError, UsageError } from "../errors.js";
import { activeOf, rotatedSegments } from "./segments.js";

/**
 * The files, oldest first, that make up the journal `path` names: a rotated segment alone; the
 * active file with its rotated segments; or the one journal (`*.jsonl` and its segments) in a
 * directory. A missing file is left for the reader to report.
 */
export async function journalFiles(path: string): Promise<string[]> {
  const st = await stat(path).catch(() => null);
  if (st?.isDirectory() === true) return journalFiles(await journalIn(path));
  if (activeOf(path) !== null) return [path];
  const segments = (await rotatedSegments(path).catch(() => [])).map((s) => s.path);
  return st === null && segments.length > 0 ? segments : [...segments, path];
}

async function journalIn(dir: string): Promise<string> {
  const names = await readdir(dir).catch((error: unknown) => {
    throw new DataError(`${dir}: cannot read directory: ${(error as Error).message}`, { cause: error });
  });
  const actives = new Set(names.map((n) => basename(activeOf(join(dir, n)) ?? n)).filter((n) => n.endsWith(".jsonl")));
  const [only, ...more] = [...actives].sort();
  if (only === undefined) throw new DataError(`${dir}: no journal in this directory (no *.jsonl file or rotated segment of one)`);
  if (more.length > 0) throw new UsageError(`${dir}: holds more than one journal (${[only, ...more].join(", ")}): name one of them`);
  return join(dir, only);
}
