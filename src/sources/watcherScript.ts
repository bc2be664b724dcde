import { readFile } from "node:fs/promises";

/**
 * Where watcher.ps1 lives: next to the bundle (dist/cli.js → dist/assets/) when installed, in the
 * repo's assets/ when running from src (tests, tsx).
 */
export const watcherScriptCandidates: readonly URL[] = [
  new URL("./assets/watcher.ps1", import.meta.url),
  new URL("../../assets/watcher.ps1", import.meta.url),
];

/** Reads the shipped watcher script (the first candidate that exists). */
export async function loadWatcherScript(candidates: readonly URL[] = watcherScriptCandidates): Promise<string> {
  const tried: string[] = [];
  for (const url of candidates) {
    try {
      return await readFile(url, "utf8");
    } catch (e) {
      tried.push(`${url.pathname} (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
    }
  }
  throw new Error(`watcher.ps1 not found; tried ${tried.join(", ")}`);
}
