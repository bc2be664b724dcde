import { execa, type ResultPromise } from "execa";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyHttps } from "../effects/verifyHttps.js";
import type { JournalRecord } from "../journal/record.js";
import type { AgentStatus } from "../status/contract.js";
import { fetchStatus } from "../status/client.js";
import { selfCommand } from "./cli.js";
import type { Lab, LabOptions } from "./createLab.js";
import { snapshotLine } from "./simWindows.js";
import { runAgentDemo } from "./demo/agentRun.js";
import { selfLine } from "./selfLine.js";

export interface DemoOptions extends Omit<LabOptions, "prefix"> {
  readonly out: (line: string) => void;
  /** Where to keep a copy of the agent's journal (the demo's other files are removed). */
  readonly keepJournal?: string;
  /** Called once the lab exists (the CLI arms Ctrl-C teardown here). */
  readonly onLab?: (lab: Lab) => void;
}

/** Step 1: small pings pass, big ones vanish, HTTPS hangs at the default MTU. */
export async function showBlackHole(lab: Lab, o: DemoOptions): Promise<void> {
  for (const size of [o.linkMtu, o.linkMtu + 1]) {
    const r = await lab.exec("wsl", ["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", "1", "-s", String(size - 28), lab.addresses.server]);
    o.out(`ping ${size} bytes, DF set: ${r.ok ? "reply" : "no reply (the ICMP error is dropped: black hole)"}`);
  }
  const v = await verifyHttps({ url: lab.url, caFile: lab.caFile, timeoutMs: 3000, netns: lab.ns.wsl });
  o.out(`curl ${lab.url} at MTU 1500: ${v.ok ? `HTTP ${v.httpCode}` : `fails (${v.reason})`}`);
}

/**
 * Step 2: `probe --apply` (and `extra` flags) inside the wsl namespace, its progress shown as it
 * happens. It gets a state directory of its own: the lab's interface is not the host's, and an
 * agent running on the host holds /var/lib/wsl-vpn-agent's lock (docs/operations.md).
 */
export async function probeAndApply(lab: Lab, o: DemoOptions, extra: readonly string[] = []): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "wva-demo-probe-"));
  try {
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ state: { dir: join(dir, "state") } }));
    const flags = ["--url", lab.url, "--ca-file", lab.caFile, "--config", config, "--apply", ...extra];
    o.out(`$ ${selfLine()} probe ${flags.join(" ")}`);
    const r = await execa("ip", ["netns", "exec", lab.ns.wsl, ...selfCommand(), "probe", ...flags], { reject: false, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    for (const line of `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => l !== "")) o.out(`  ${line}`);
    return r.exitCode ?? 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Step 3: the same HTTPS request now works. */
export async function showAfter(lab: Lab, o: DemoOptions): Promise<void> {
  const mtu = await lab.exec("wsl", ["ip", "-o", "link", "show", "dev", "eth0"]);
  o.out(`eth0 now: mtu ${/ mtu (\d+)/.exec(mtu.stdout)?.[1] ?? "?"}`);
  const v = await verifyHttps({ url: lab.url, caFile: lab.caFile, timeoutMs: 3000, netns: lab.ns.wsl });
  o.out(`curl ${lab.url}: ${v.ok ? `HTTP ${v.httpCode} in ${v.ms} ms` : `still fails (${v.reason})`}`);
}

/** A step of the agent story that did not happen: ends the story with its reason. */
class StoryError extends Error {}

const STEP_TIMEOUT_MS = 60_000;

/**
 * Step 4: the real agent (`run`) in the wsl namespace, Windows simulated by a snapshot file. VPN
 * connects → probe → apply → verify → Applied; WSL rewrites the MTU → re-applied; VPN disconnects →
 * baseline restored; SIGTERM; then `replay` of its journal, which is kept for `report`.
 */
export async function runAgentStory(lab: Lab, o: DemoOptions, hooks: StoryHooks = {}): Promise<number> {
  await lab.exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", String(hooks.startMtu ?? 1500)]);
  return runAgentDemo(lab, o, {
    label: lab.topology,
    firstSnapshot: `${snapshotLine(null)}\n`,
    config: { interface: "eth0" },
    ...(hooks.verify === undefined ? {} : { verify: hooks.verify }),
    intro: `── the whole agent: eth0 back to ${hooks.startMtu ?? 1500}, Windows simulated by a snapshot file`,
    tell: (files, agent) => tellStory(lab, o, files, agent, hooks),
  });
}

/** A topology's own checks, told at the agent story's turning points; a throw ends the story with its message. */
export interface StoryHooks {
  /** Keys added to the agent's `verify` config (e.g. `proxy`). */
  readonly verify?: Readonly<Record<string, unknown>>;
  readonly applied?: () => Promise<void>;
  readonly restored?: () => Promise<void>;
  /** eth0's MTU when the agent starts (default 1500): what WSL set. */
  readonly startMtu?: number;
  /** The VPN is a split tunnel carrying these prefixes: its MTU goes on routes, and a WSL rewrite of eth0 is left alone. */
  readonly routes?: readonly string[];
}

interface StoryFiles {
  readonly windows: string;
  readonly journal: string;
  readonly socket: string;
}

async function tellStory(lab: Lab, o: DemoOptions, files: StoryFiles, agent: ResultPromise, hooks: StoryHooks): Promise<void> {
  const ended: Promise<number | string> = agent.then((r) => r.exitCode ?? r.signal ?? "none");
  const until = (what: string, check: (s: AgentStatus) => boolean) => waitForStatus(files.socket, what, check, ended);
  await until("the agent to start", (s) => s.state.startsWith("Direct"));
  const vpn = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", mtu: o.linkMtu, ...(hooks.routes === undefined ? {} : { routes: hooks.routes }) };
  o.out(`Windows: VPN connects (${vpn.description}, adapter MTU ${vpn.mtu}${hooks.routes === undefined ? "" : `, split tunnel: ${hooks.routes.join(", ")}`})`);
  await writeFile(files.windows, `${snapshotLine(vpn)}\n`);
  const applied = await until("Applied", (s) => s.state.startsWith("Applied") && s.appliedMtu !== null);
  const mtu = applied.appliedMtu ?? 0;
  const routes = applied.routes ?? null;
  o.out(routes === null ? `✓ Applied: eth0 mtu ${mtu}, probed and verified with HTTPS` : `✓ Applied: routes ${routes.prefixes.join(", ")} mtu ${mtu} (eth0 stays ${applied.mtu}), probed and verified with HTTPS`);
  await hooks.applied?.();
  if (routes !== null) await rewriteKept(lab, o, until);
  else await rewriteReapplied(lab, o, files, mtu, until, ended);

  o.out("Windows: VPN disconnects");
  await writeFile(files.windows, `${snapshotLine(null)}\n`);
  const direct = await until("the baseline", (s) => s.state === "Direct.idle" && s.mtu === s.baseline && (s.routes ?? null) === null);
  o.out(`✓ baseline restored: eth0 mtu ${direct.baseline}${routes === null ? "" : ", the agent's routes removed"}`);
  await hooks.restored?.();

  agent.kill("SIGTERM");
  const code = await ended;
  if (code !== 0) throw new StoryError(`the agent exited with ${code} on SIGTERM`);
  o.out("✓ agent stopped on SIGTERM, exit 0");
}

type Until = (what: string, check: (s: AgentStatus) => boolean) => Promise<AgentStatus>;

/** WSL rewrites eth0 while the MTU is on the interface: the agent applies its value again. */
async function rewriteReapplied(lab: Lab, o: DemoOptions, files: StoryFiles, mtu: number, until: Until, ended: Promise<number | string>): Promise<void> {
  const rewrite = mtu === 1500 ? 1400 : 1500;
  const seen = (await readRecords(files.journal)).length;
  o.out(`WSL: rewrites eth0 mtu ${rewrite} (as it does when Windows connectivity changes)`);
  await lab.exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", String(rewrite)]);
  await waitForRecords(files.journal, `the agent to re-apply ${mtu}`, (r) => {
    const at = r.findIndex((x, i) => i >= seen && x.event.type === "link.mtu" && x.event.mtu === rewrite);
    return at >= 0 && r.slice(at).some((x) => x.event.type === "apply.done" && x.event.mtu === mtu);
  }, ended);
  await until("Applied again", (s) => s.state.startsWith("Applied") && s.mtu === mtu);
  o.out(`✓ re-applied: eth0 mtu ${mtu}`);
}

/** WSL rewrites eth0 while the MTU is on routes: eth0 is WSL's, the routes stay, nothing is applied. */
async function rewriteKept(lab: Lab, o: DemoOptions, until: Until): Promise<void> {
  o.out("WSL: rewrites eth0 mtu 1400 (as it does when Windows connectivity changes)");
  await lab.exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1400"]);
  const s = await until("the agent to see eth0 at 1400", (st) => st.mtu === 1400);
  if (!s.state.startsWith("Applied") || s.routes === null || s.routes === undefined) throw new StoryError(`after the rewrite: ${s.state}, routes ${JSON.stringify(s.routes)}`);
  o.out(`✓ kept: routes ${s.routes.prefixes.join(", ")} mtu ${s.routes.mtu} stay, nothing applied again (eth0 is WSL's)`);
  await lab.exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1500"]);
  await until("eth0 back at 1500", (st) => st.mtu === 1500);
}

export async function waitForStatus(socket: string, what: string, check: (s: AgentStatus) => boolean, ended: Promise<number | string>): Promise<AgentStatus> {
  return poll(what, ended, async () => {
    const s = await fetchStatus(socket, 2000);
    return s !== null && check(s) ? s : null;
  });
}

async function waitForRecords(journal: string, what: string, check: (r: JournalRecord[]) => boolean, ended: Promise<number | string>): Promise<void> {
  await poll(what, ended, async () => (check(await readRecords(journal)) ? true : null));
}

/** Polls `probe` until it gives a value; a StoryError when the agent exits first or time runs out. */
async function poll<T>(what: string, ended: Promise<number | string>, probe: () => Promise<T | null>): Promise<T> {
  const agent: { exit: string | null } = { exit: null };
  void ended.then((code) => (agent.exit = String(code)));
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (agent.exit !== null) throw new StoryError(`the agent exited (${agent.exit}) while waiting for ${what}`);
    if (Date.now() > deadline) throw new StoryError(`gave up waiting for ${what} after ${STEP_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readRecords(journal: string): Promise<JournalRecord[]> {
  const text = await readFile(journal, "utf8").catch(() => "");
  return text
    .split("\n")
    .flatMap((l) => parseRecord(l));
}

/** One journal line as a record; none for a blank line or the half-written last line of a running agent. Pure. */
function parseRecord(line: string): JournalRecord[] {
  try {
    return line.trim() === "" ? [] : [JSON.parse(line) as JournalRecord];
  } catch {
    return [];
  }
}
