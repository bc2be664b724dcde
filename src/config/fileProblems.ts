import { stat } from "node:fs/promises";
import type { AgentConfig } from "./types.js";

/**
 * Problems with files the config names that the agent reads later, found now so `config check`
 * and `run` report them at once (exit 78) instead of at the first verification: `verify.caFile`
 * must be a file. A file we may not stat (permission) is left to the agent, which runs as root.
 */
export async function fileProblems(config: AgentConfig): Promise<string[]> {
  const ca = config.verify.caFile;
  if (ca === null) return [];
  try {
    return (await stat(ca)).isDirectory() ? [`verify.caFile: ${ca} is a directory, expected a PEM file`] : [];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [`verify.caFile: no such file ${ca}`];
    return [];
  }
}
