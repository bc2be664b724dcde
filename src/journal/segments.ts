import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Digits of a rotated segment's suffix: its first seq, zero-padded so names sort in order. */
const DIGITS = 16;
const SUFFIX = new RegExp(`^\\.(\\d{${DIGITS}})$`);

/** A rotated segment's path: the active file's name, a dot, the segment's first seq. Pure. */
export function segmentPath(active: string, firstSeq: number): string {
  return `${active}.${String(firstSeq).padStart(DIGITS, "0")}`;
}

/** Where a rotation writes the next segment's checkpoint before it becomes the active file. Pure. */
export function pendingPath(active: string): string {
  return `${active}.next`;
}

/** The active file a segment name belongs to, or null when `path` is not a rotated segment's name. Pure. */
export function activeOf(path: string): string | null {
  const name = basename(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 && SUFFIX.test(name.slice(dot)) ? join(dirname(path), name.slice(0, dot)) : null;
}

export interface JournalFile {
  readonly path: string;
  readonly bytes: number;
}

/** The rotated segments of the journal whose active file is `active`, oldest first. */
export async function rotatedSegments(active: string): Promise<JournalFile[]> {
  const dir = dirname(active);
  const prefix = basename(active);
  const names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && SUFFIX.test(n.slice(prefix.length))).sort();
  const files: JournalFile[] = [];
  for (const name of names) {
    const st = await stat(join(dir, name)).catch(() => null);
    if (st?.isFile() === true) files.push({ path: join(dir, name), bytes: st.size });
  }
  return files;
}
