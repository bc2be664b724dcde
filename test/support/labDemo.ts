import { execa } from "execa";
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, expect } from "vitest";
import { cliArgv } from "./cli.js";

/**
 * Runs `lab demo --topology NAME` (link 1400, TCP ≤ 1372) and expects exit 0; returns its output.
 * The demo's journal directory is removed when the enclosing describe ends.
 */
export function useLabDemo(topology: string, extra: readonly string[] = []): () => Promise<string> {
  const journals: string[] = [];
  afterAll(async () => {
    for (const journal of journals) await rm(dirname(journal), { recursive: true, force: true });
  });
  return async () => {
    const r = await execa(...cliArgv(["lab", "demo", "--topology", topology, "--link-mtu", "1400", "--tcp-limit", "1372", ...extra]), { reject: false, timeout: 150_000 });
    const out = String(r.stdout);
    const journal = /^journal: (\S+)/m.exec(out)?.[1];
    if (journal !== undefined) journals.push(journal);
    expect(r.exitCode, `${out}\n${String(r.stderr)}`).toBe(0);
    return out;
  };
}
