import { execa, type ResultPromise } from "execa";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorMessage } from "../../errors.js";
import { cliPath } from "../cli.js";
import type { Lab } from "../createLab.js";
import type { DemoOptions } from "../demo.js";
import { narrateLog } from "./narrate.js";

/** Where a demo's agent keeps its files (kept after the demo, for `report`). */
export interface AgentRunFiles {
  readonly config: string;
  readonly windows: string;
  readonly journal: string;
  readonly socket: string;
}

export interface AgentRun {
  /** Part of the run directory's name, e.g. "mirrored". */
  readonly label: string;
  /** The snapshot file's first content: what Windows shows when the agent starts. */
  readonly firstSnapshot: string;
  /** Config keys beside the demo's own (watcher, settle, verify, probe, journal, state, status). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Keys added to `verify` (e.g. `proxy`). */
  readonly verify?: Readonly<Record<string, unknown>>;
  /** The line saying what this run shows. */
  readonly intro: string;
  /** The story itself; a throw ends it with its message. */
  readonly tell: (files: AgentRunFiles, agent: ResultPromise) => Promise<void>;
}

/**
 * The whole agent (`run`) in the lab's wsl namespace, Windows simulated by a snapshot file: writes
 * its config, narrates its log, tells the story, then replays its journal. Returns the exit code.
 */
export async function runAgentDemo(lab: Lab, o: DemoOptions, r: AgentRun): Promise<number> {
  const dir = join(tmpdir(), `wsl-vpn-agent-demo-${r.label}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  await mkdir(dir, { recursive: true });
  const files = { config: join(dir, "config.json"), windows: join(dir, "win.json"), journal: join(dir, "journal.jsonl"), socket: join(dir, "status.sock") };
  await writeFile(files.windows, r.firstSnapshot);
  const config = {
    ...r.config,
    windows: { watchCommand: [process.execPath, cliPath(), "lab", "windows", "--file", files.windows] },
    settle: { quietMs: 300, maxWaitMs: 1000 },
    verify: { url: lab.url, caFile: lab.caFile, timeoutMs: 3000, ...r.verify },
    probe: { timeoutMs: 1000 },
    journal: { path: files.journal },
    state: { dir: join(dir, "state") },
    status: { socket: files.socket },
  };
  await writeFile(files.config, `${JSON.stringify(config, null, 2)}\n`);
  o.out("");
  o.out(r.intro);
  o.out(`$ wsl-vpn-agent run --config ${files.config}`);
  const agent = execa("ip", ["netns", "exec", lab.ns.wsl, process.execPath, cliPath(), "run", "--config", files.config], { reject: false, stdin: "ignore", buffer: false });
  narrateLog(agent, o);
  try {
    await r.tell(files, agent);
  } catch (error) {
    agent.kill("SIGKILL");
    await agent;
    o.out(`✗ ${errorMessage(error)}`);
    o.out(`journal: ${files.journal}`);
    return 1;
  }
  o.out(`journal: ${files.journal}  (draw it: wsl-vpn-agent report ${files.journal})`);
  o.out(`$ wsl-vpn-agent replay ${files.journal}`);
  const replay = await execa(process.execPath, [cliPath(), "replay", files.journal], { reject: false, stdin: "ignore" });
  for (const line of `${replay.stdout}\n${replay.stderr}`.split("\n").filter((l) => l !== "")) o.out(`  ${line}`);
  o.out(replay.exitCode === 0 ? "✓ replay: exit 0, every recorded state reproduced" : `✗ replay: exit ${replay.exitCode ?? "none"}`);
  return replay.exitCode === 0 ? 0 : 1;
}
