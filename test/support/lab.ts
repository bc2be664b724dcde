import { execa } from "execa";
import { createLab, type Lab, type LabOptions } from "../../src/lab/createLab.js";
import type { ProbeEvidence } from "../../machines/evidence.js";
import { DEFAULT_RANGES } from "../../src/probe/config.js";

/** A lab that a test file owns: create in beforeAll, destroy in afterAll (also when a test fails). */
export function labFor(options: LabOptions): Promise<Lab> {
  return createLab(options);
}

/** What `probe --json` prints. */
export interface ProbeJson {
  ok: boolean;
  mtu: number | null;
  reason?: string;
  interface: string | null;
  evidence: ProbeEvidence;
  apply?: Record<string, unknown>;
}

export interface CliRun {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** The `--json` object; empty when stdout is not JSON. */
  readonly json: Partial<ProbeJson>;
}

/** Runs `node dist/cli.js ARGS` inside the lab's wsl namespace. */
export async function cliInLab(lab: Lab, args: readonly string[]): Promise<CliRun> {
  const r = await execa("ip", ["netns", "exec", lab.ns.wsl, process.execPath, "dist/cli.js", ...args], { reject: false });
  let json: CliRun["json"] = {};
  try {
    json = JSON.parse(r.stdout) as ProbeJson;
  } catch {
    // not JSON: the test looks at stderr instead
  }
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, json };
}

/** Agent-owned state left in the wsl namespace: rules in the priority range, routes in owned tables or with the agent proto. */
export async function leftovers(lab: Lab): Promise<string[]> {
  const rules = JSON.parse((await lab.exec("wsl", ["ip", "-j", "rule", "show"])).stdout) as Array<{ priority: number }>;
  const { first, count } = DEFAULT_RANGES.priorities;
  const badRules = rules.filter((r) => r.priority >= first && r.priority < first + count).map((r) => `rule ${r.priority}`);
  const routes = JSON.parse((await lab.exec("wsl", ["ip", "-j", "route", "show", "table", "all"])).stdout) as Array<{ dst: string; table?: string; protocol?: string }>;
  const t = DEFAULT_RANGES.tables;
  const badRoutes = routes
    .filter((r) => (r.table !== undefined && Number(r.table) >= t.first && Number(r.table) < t.first + t.count) || r.protocol === "186")
    .map((r) => `route ${r.dst} table ${r.table ?? "main"}`);
  return [...badRules, ...badRoutes];
}

/** The wsl side's eth0 MTU. */
export async function wslMtu(lab: Lab): Promise<number> {
  const r = await lab.exec("wsl", ["ip", "-j", "link", "show", "dev", "eth0"]);
  return (JSON.parse(r.stdout) as Array<{ mtu: number }>)[0]?.mtu ?? -1;
}
