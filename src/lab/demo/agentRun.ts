import { execa, type ResultPromise } from "execa";
import { rmSync } from "node:fs";
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { errorMessage } from "../../errors.js";
import { selfCommand } from "../cli.js";
import type { Lab } from "../createLab.js";
import type { DemoOptions } from "../demo.js";
import { narrateLog } from "./narrate.js";
import { selfLine } from "../selfLine.js";

/** Where a demo's agent keeps its files (removed when the demo ends; `--journal` keeps a copy of the journal). */
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
  const dir = await mkdtemp(join(tmpdir(), `wsl-vpn-agent-demo-${r.label}-`));
  // Also on Ctrl-C, whose handler ends the process without unwinding this function.
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeDir);
  try {
    const files = { config: join(dir, "config.json"), windows: join(dir, "win.json"), journal: join(dir, "journal.jsonl"), socket: join(dir, "status.sock") };
    const code = await runIn(files, dir, lab, o, r);
    await keepJournal(files.journal, o);
    return code;
  } finally {
    process.off("exit", removeDir);
    removeDir();
  }
}

/** Copies the journal where `--journal` asked, or says how to keep it next time. */
async function keepJournal(journal: string, o: DemoOptions): Promise<void> {
  if (o.keepJournal === undefined) {
    o.out("the demo's files are removed (keep its journal with: lab demo --journal FILE)");
    return;
  }
  const kept = resolve(o.keepJournal);
  await copyFile(journal, kept);
  o.out(`journal: ${kept}  (draw it: ${selfLine()} report ${kept})`);
}

async function runIn(files: AgentRunFiles, dir: string, lab: Lab, o: DemoOptions, r: AgentRun): Promise<number> {
  await writeFile(files.windows, r.firstSnapshot);
  const config = {
    ...r.config,
    windows: { watchCommand: [...selfCommand(), "lab", "windows", "--file", files.windows] },
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
  o.out(`$ ${selfLine()} run --config ${files.config}`);
  const agent = execa("ip", ["netns", "exec", lab.ns.wsl, ...selfCommand(), "run", "--config", files.config], { reject: false, stdin: "ignore", buffer: false });
  narrateLog(agent, o);
  try {
    await r.tell(files, agent);
  } catch (error) {
    agent.kill("SIGKILL");
    await agent;
    o.out(`✗ ${errorMessage(error)}`);
    return 1;
  }
  o.out(`$ ${selfLine()} replay ${files.journal}`);
  const [self, ...selfArgs] = selfCommand();
  const replay = await execa(self ?? process.execPath, [...selfArgs, "replay", files.journal], { reject: false, stdin: "ignore" });
  for (const line of `${replay.stdout}\n${replay.stderr}`.split("\n").filter((l) => l !== "")) o.out(`  ${line}`);
  o.out(replay.exitCode === 0 ? "✓ replay: exit 0, every recorded state reproduced" : `✗ replay: exit ${replay.exitCode ?? "none"}`);
  return replay.exitCode === 0 ? 0 : 1;
}
