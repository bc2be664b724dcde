import { open, rename, rm, stat, unlink, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { pendingPath, rotatedSegments, segmentPath } from "./segments.js";

/** The moments of a rotation, in order; a crash after any of them loses no record. */
export type RotationStep = "started" | "checkpoint-written" | "segment-renamed" | "active-renamed" | "retained";

/** Called after each step (tests kill the writer there); it may not be awaited by anything but the rotation. */
export type RotationHook = (step: RotationStep) => void | Promise<void>;

/**
 * Turns the active file into a rotated segment and starts a new active file with `firstLine` (the
 * checkpoint), in an order where every moment leaves a journal that reads back whole:
 * 1. the checkpoint goes to `<active>.next`, synced (a crash here leaves a stray file, removed on open);
 * 2. the active file is renamed to its segment name (a crash here leaves no active file: open
 *    finishes the rotation by renaming `.next`);
 * 3. `.next` becomes the active file, and the directory is synced.
 */
export async function rotate(active: string, activeHandle: FileHandle, activeFirstSeq: number, firstLine: string, hook: RotationHook): Promise<void> {
  await hook("started");
  const pending = pendingPath(active);
  const next = await open(pending, "w", 0o640);
  try {
    await next.writeFile(firstLine, "utf8");
    await next.datasync();
  } finally {
    await next.close();
  }
  await hook("checkpoint-written");
  await activeHandle.datasync();
  await activeHandle.close();
  await rename(active, segmentPath(active, activeFirstSeq));
  await hook("segment-renamed");
  await rename(pending, active);
  await syncDir(dirname(active));
  await hook("active-renamed");
}

/** Finishes or drops a rotation a crash interrupted (see `rotate`). */
export async function recoverRotation(active: string): Promise<void> {
  const pending = pendingPath(active);
  const pendingExists = (await stat(pending).catch(() => null)) !== null;
  if (!pendingExists) return;
  const activeExists = (await stat(active).catch(() => null)) !== null;
  if (activeExists) await unlink(pending); // step 1 only: the active file still has every record
  else await rename(pending, active); // step 2 done: the checkpoint starts the new active file
  await syncDir(dirname(active));
}

/**
 * Deletes the oldest rotated segments while the journal's files together pass `keepBytes`; the
 * active file is never deleted. Returns the deleted paths.
 */
export async function retain(active: string, activeBytes: number, keepBytes: number): Promise<string[]> {
  const segments = await rotatedSegments(active);
  let total = activeBytes + segments.reduce((n, s) => n + s.bytes, 0);
  const deleted: string[] = [];
  for (const s of segments) {
    if (total <= keepBytes) break;
    await rm(s.path, { force: true });
    total -= s.bytes;
    deleted.push(s.path);
  }
  return deleted;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
