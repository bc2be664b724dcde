import { execa, type ResultPromise } from "execa";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfig } from "../../src/config/index.js";
import type { JournalRecord } from "../../src/journal/record.js";
import { createLab, type Lab, type LabOptions } from "../../src/lab/createLab.js";
import { snapshotLine, type SimAdapter } from "../../src/lab/simWindows.js";
import { leftovers, wslMtu } from "./lab.js";
import { probeRanges } from "../../src/runtime/probeRanges.js";
import type { AgentStatus } from "../../src/status/contract.js";
import { fetchStatus } from "../../src/status/client.js";
import { cliCommand, runCliProcess } from "./cli.js";
import { pollUntil } from "./pollUntil.js";

/** A VPN adapter as the simulated Windows shows it (src/lab/simWindows.ts). */
export type SimVpn = SimAdapter;

export const anyConnect: SimVpn = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", mtu: 1400 };

/** How one agent run ended. */
export interface AgentExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Json = Record<string, unknown>;

export interface AgentLabOptions {
  /** Namespace prefix, unique per test file (labs of different files run in parallel); the pid is appended. */
  readonly prefix: string;
  readonly lab?: Omit<LabOptions, "prefix">;
  /** Config keys merged over the base config for every start (dotted keys are nested). */
  readonly config?: Json;
  /** How the agent and its simulated watcher start (default: test/support/cli.ts `cliCommand()`). */
  readonly cli?: readonly string[];
}

/**
 * One lab, one temp dir (config, win.json, journal, state, socket) and the real agent as a child
 * (`ip netns exec <wsl> wsl-vpn-agent run`, test/support/cli.ts). `destroy` kills the agent and removes everything;
 * call it in afterAll, it is idempotent.
 */
export class AgentLab {
  private child: ResultPromise | null = null;
  private out = { stdout: "", stderr: "" };
  private exit: Promise<AgentExit> | null = null;

  private constructor(
    readonly lab: Lab,
    readonly dir: string,
    private readonly baseConfig: Json,
    private readonly cli: readonly string[],
  ) {}

  static async create(o: AgentLabOptions): Promise<AgentLab> {
    // The pid keeps two checkouts running the same file at once (a CI clone, a developer) apart.
    const lab = await createLab({ linkMtu: 1400, tcpLimit: 1372, ...o.lab, prefix: `${o.prefix}${process.pid.toString(36)}` });
    try {
      const cli = o.cli ?? cliCommand();
      const dir = await mkdtemp(join(tmpdir(), `${o.prefix}-agent-`));
      // No `interface`: the default "auto" (the one routing to the lab's server) is what users get.
      const base: Json = {
        windows: { watchCommand: [...cli, "lab", "windows", "--file", join(dir, "win.json")] },
        settle: { quietMs: 200, maxWaitMs: 1000 },
        verify: { url: lab.url, caFile: lab.caFile, timeoutMs: 3000 },
        probe: { timeoutMs: 1500 },
        journal: { path: join(dir, "journal.jsonl") },
        state: { dir: join(dir, "state") },
        status: { socket: join(dir, "status.sock") },
      };
      return new AgentLab(lab, dir, merge(base, nest(o.config ?? {})), cli);
    } catch (error) {
      await lab.destroy();
      throw error;
    }
  }

  get configPath(): string {
    return join(this.dir, "config.json");
  }
  get winFile(): string {
    return join(this.dir, "win.json");
  }
  get journalPath(): string {
    return join(this.dir, "journal.jsonl");
  }
  get socket(): string {
    return join(this.dir, "status.sock");
  }
  /** The running agent's pid (`ip netns exec` execs the CLI, so this is the agent itself). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Writes the config (base + per-file + `config`) and starts the agent (`env` added to ours); Windows shows `windows` at start. */
  async start(o: { windows?: SimVpn | readonly SimVpn[] | null; config?: Json; args?: readonly string[]; env?: Record<string, string> } = {}): Promise<void> {
    if (this.child !== null) throw new Error("agent already running: stop it first");
    if (o.windows !== undefined) await this.setWindows(o.windows);
    await writeFile(this.configPath, JSON.stringify(merge(this.baseConfig, nest(o.config ?? {})), null, 2));
    const child = execa("ip", ["netns", "exec", this.lab.ns.wsl, ...this.cli, "run", "--config", this.configPath, ...(o.args ?? [])], {
      reject: false,
      buffer: false,
      stdin: "ignore",
      ...(o.env === undefined ? {} : { env: o.env }),
    });
    this.child = child;
    this.out = { stdout: "", stderr: "" };
    const out = this.out;
    child.stdout?.on("data", (c: Buffer) => (out.stdout += c.toString("utf8")));
    child.stderr?.on("data", (c: Buffer) => (out.stderr += c.toString("utf8")));
    this.exit = child.then((r) => ({ code: r.exitCode ?? null, signal: r.signal ?? null, ...out }));
    await this.waitFor(() => true, "the status socket to answer", 30_000);
  }

  /** What the simulated Windows shows now: Wi-Fi, plus the VPN(s) given, all up at once. */
  setWindows(vpn: SimVpn | readonly SimVpn[] | null): Promise<void> {
    return this.setWindowsLines([snapshotLine(vpn)]);
  }

  /** Raw watcher output (for garbage tests); each call must differ from the last to be printed. */
  async setWindowsLines(lines: readonly string[]): Promise<void> {
    await writeFile(this.winFile, `${lines.join("\n")}\n`);
  }

  /** `GET /status` from the agent's socket; null when it does not answer. */
  async status(): Promise<AgentStatus | null> {
    return fetchStatus(this.socket, 2000);
  }

  /** Polls the status until `check` holds; fails with the last status and the agent's log tail. */
  async waitFor(check: (s: AgentStatus) => boolean, what: string, timeoutMs = 60_000, pollMs = 100): Promise<AgentStatus> {
    let exited = false;
    void this.exit?.then(() => (exited = true));
    const last = await pollUntil(() => this.status(), (s) => s !== null && check(s), {
      timeoutMs,
      intervalMs: pollMs,
      stopped: () => (exited ? "the agent exited" : null),
      failure: (s, why) => `waiting for ${what}: ${why}\nlast status: ${JSON.stringify(s && { ...s, recent: s.recent.slice(-8) })}\nagent log tail:\n${tail(this.out.stdout + this.out.stderr)}`,
    });
    return last as AgentStatus;
  }

  /** Waits for a state (exact dotted name, or a pattern) and, optionally, more facts about the status. */
  waitForState(state: string | RegExp, timeoutMs = 60_000, and: (s: AgentStatus) => boolean = () => true): Promise<AgentStatus> {
    const matches = (s: string): boolean => (typeof state === "string" ? s === state || s.startsWith(`${state}.`) : state.test(s));
    return this.waitFor((s) => matches(s.state) && and(s), `state ${String(state)}`, timeoutMs);
  }

  /** eth0's MTU in the wsl namespace. */
  async linkMtu(): Promise<number> {
    return wslMtu(this.lab);
  }

  /** Sets eth0's MTU behind the agent's back, as WSL does when Windows connectivity changes. */
  async rewriteMtu(mtu: number): Promise<void> {
    const r = await this.lab.exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", String(mtu)]);
    if (!r.ok) throw new Error(`ip link set mtu ${mtu} failed: ${r.stderr}`);
  }

  /** Sends `signal` and waits for the agent to exit (SIGKILL after `timeoutMs`, which then shows in the result). */
  async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 15_000): Promise<AgentExit> {
    if (this.child === null) throw new Error("agent not running");
    this.child.kill(signal);
    return this.exited(timeoutMs);
  }

  /** Waits for the agent to exit on its own (SIGKILL after `timeoutMs`, which then shows in the result). */
  async exited(timeoutMs = 15_000): Promise<AgentExit> {
    const child = this.child;
    const exit = this.exit;
    if (child === null || exit === null) throw new Error("agent not running");
    const guard = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    try {
      return await exit;
    } finally {
      clearTimeout(guard);
      this.child = null;
      this.exit = null;
    }
  }

  /** The journal's records (all agent starts so far). */
  async journal(): Promise<JournalRecord[]> {
    const text = await readFile(this.journalPath, "utf8").catch(() => "");
    return text
      .split("\n")
      .flatMap((l) => parseRecord(l));
  }

  /** Polls the journal until `check` holds on its records (for facts the status does not keep). */
  async waitForJournal(check: (records: JournalRecord[]) => boolean, what: string, timeoutMs = 60_000): Promise<JournalRecord[]> {
    return pollUntil(() => this.journal(), check, {
      timeoutMs,
      intervalMs: 100,
      failure: (records, why) => `waiting for ${what} in the journal: ${why}\nlast records:\n${records.slice(-10).map((r) => JSON.stringify(r)).join("\n")}\nagent log tail:\n${tail(this.out.stdout + this.out.stderr)}`,
    });
  }

  /** `wsl-vpn-agent replay <journal>`. */
  replay(): Promise<{ code: number; stdout: string; stderr: string }> {
    return runCliProcess(["replay", this.journalPath]);
  }

  /** Rules and routes in the agent's ranges (probe.rulePriorityBase / probe.tableBase, probe.slots, as the config resolves them) left in the wsl namespace. */
  async leftovers(): Promise<string[]> {
    const config = validateConfig(this.baseConfig);
    if (!config.ok) throw new Error(`bad test config: ${config.problems.join("; ")}`);
    return leftovers(this.lab, probeRanges(config.config));
  }


  /** Kills the agent if it runs, removes the lab (and every process in it) and the temp dir. Idempotent. */
  async destroy(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child !== null) {
      child.kill("SIGKILL");
      await child.catch(() => undefined);
    }
    await this.lab.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Records whose state entered `Probing` (a probe cycle started). Pure. */
export function probeCycles(records: readonly JournalRecord[]): JournalRecord[] {
  return records.filter((r, i) => r.state.startsWith("Probing") && !(records[i - 1]?.state.startsWith("Probing") ?? false) && r.event.type !== "xstate.init");
}

/** `{"a.b": 1}` → `{a: {b: 1}}`. Pure. */
function nest(flat: Json): Json {
  let out: Json = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".");
    const leaf = parts.reduceRight<unknown>((acc, p) => ({ [p]: acc }), value) as Json;
    out = merge(out, leaf);
  }
  return out;
}

/** Deep merge of plain objects; arrays and values of `b` win. Pure. */
function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isObject(prev) && isObject(v) ? merge(prev, v) : v;
  }
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const tail = (text: string): string => text.split("\n").slice(-25).join("\n");

/** One journal line as a record; none for a blank line or the half-written last line of a running agent. Pure. */
function parseRecord(line: string): JournalRecord[] {
  try {
    return line.trim() === "" ? [] : [JSON.parse(line) as JournalRecord];
  } catch {
    return [];
  }
}
