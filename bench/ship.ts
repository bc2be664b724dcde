import { execa } from "execa";
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { AgentLab, anyConnect } from "../test/support/agentLab.js";
import { agentBinary, cliPath } from "../test/support/cli.js";
import { median, report } from "./measure.js";
import { rss } from "./proc.js";

const STARTS = Number(process.env.BENCH_START_RUNS ?? 10);
const IDLE_S = Number(process.env.BENCH_SHIP_IDLE_S ?? 10);
const release = fileURLToPath(new URL("../dist/release/", import.meta.url));
const node: readonly string[] = [process.execPath, cliPath];
const binary: readonly string[] = [agentBinary];

/** Best and median wall time of starting `cli ARGS` to its exit, over STARTS runs. */
async function startUp(cli: readonly string[], args: readonly string[]): Promise<{ best: number; median: number }> {
  const [file = "", ...pre] = cli;
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    await execa(file, [...pre, ...args], { reject: false });
    times.push(performance.now() - t0);
  }
  return { best: Math.min(...times), median: median(times) };
}

/** RSS of the agent `cli` runs, Applied with the VPN up, after IDLE_S seconds idle. Needs root (the lab). */
async function idleRss(cli: readonly string[]): Promise<number> {
  const agent = await AgentLab.create({ prefix: "wvaship", cli });
  try {
    await agent.start({ windows: anyConnect });
    await agent.waitForState("Applied", 60_000);
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    if (agent.pid === undefined) throw new Error("agent has no pid");
    const kb = await rss(agent.pid);
    await agent.stop("SIGTERM");
    return kb;
  } finally {
    await agent.destroy();
  }
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

const ms = (x: { best: number; median: number }): string => `${x.median.toFixed(0)} ms (best ${x.best.toFixed(0)})`;
const ratio = (a: { median: number }, b: { median: number }): string => `${(a.median / b.median).toFixed(2)}x`;
const mib = (bytes: number): string => (bytes < 2 ** 20 ? `${bytes} bytes` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

/**
 * What ships (issue 21): start-up of the executable against `node dist/cli.js` (same Node 24), the
 * idle agent's RSS for both, and the size of every file `npm run package` wrote.
 */
export async function benchShip(): Promise<void> {
  const rows: [string, string][] = [];
  for (const args of [["--version"], ["status", "--socket", "/nonexistent/wsl-vpn-agent.sock"]]) {
    const [b, n] = [await startUp(binary, args), await startUp(node, args)];
    rows.push([`start-up of \`${args[0] ?? ""}\`: executable / node dist/cli.js`, `${ms(b)} / ${ms(n)}: ${ratio(b, n)} (median of ${STARTS})`]);
  }
  const [b, n] = [await idleRss(binary), await idleRss(node)];
  rows.push([`RSS of the idle agent (Applied, ${IDLE_S} s): executable / node`, `${(b / 1024).toFixed(1)} MiB / ${(n / 1024).toFixed(1)} MiB: ${(b / n).toFixed(2)}x`]);
  for (const f of await files(release)) rows.push([`size of ${relative(release, f)}`, mib((await stat(f)).size)]);
  report(`what ships (dist/release; ${process.version})`, rows);
}
