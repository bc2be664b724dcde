import { execa, type ResultPromise } from "execa";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createLab, type Lab, type LabOptions } from "../../src/lab/createLab.js";
import type { ProbeEvidence } from "../../machines/evidence.js";
import { DEFAULT_RANGES, ROUTE_PROTO, type OwnedRanges } from "../../src/probe/config.js";
import { cliCommand } from "./cli.js";
import { pollUntil } from "./pollUntil.js";

/** A lab the enclosing describe owns: created in beforeAll, destroyed in afterAll (also when a test fails). */
export function useLab(options: LabOptions): () => Lab {
  let lab: Lab | undefined;
  beforeAll(async () => {
    lab = await createLab(options);
  });
  afterAll(async () => {
    await lab?.destroy();
  });
  return () => {
    if (lab === undefined) throw new Error("lab used outside its describe's tests");
    return lab;
  };
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

/** Starts the CLI (test/support/cli.ts) with ARGS inside the lab's wsl namespace (kill it, await it). */
export function spawnCliInLab(lab: Lab, args: readonly string[], env?: Record<string, string>): ResultPromise<{ reject: false }> {
  return execa("ip", ["netns", "exec", lab.ns.wsl, ...cliCommand(), ...args], { reject: false, ...(env === undefined ? {} : { env }) });
}

/** Runs the CLI with ARGS inside the lab's wsl namespace (`env` is added to this process's). */
export async function cliInLab(lab: Lab, args: readonly string[], env?: Record<string, string>): Promise<CliRun> {
  const r = await spawnCliInLab(lab, args, env);
  let json: CliRun["json"] = {};
  try {
    json = JSON.parse(r.stdout) as ProbeJson;
  } catch {
    // not JSON: the test looks at stderr instead
  }
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, json };
}

/** Agent-owned state left in the wsl namespace: rules in the priority range, routes in owned tables or with the agent proto (numeric: -N). */
export async function leftovers(lab: Lab, ranges: Pick<OwnedRanges, "tables" | "priorities"> = DEFAULT_RANGES): Promise<string[]> {
  const rules = JSON.parse((await lab.exec("wsl", ["ip", "-j", "rule", "show"])).stdout) as Array<{ priority: number }>;
  const routes = JSON.parse((await lab.exec("wsl", ["ip", "-N", "-j", "route", "show", "table", "all"])).stdout) as Array<{ dst: string; table?: string; protocol?: string }>;
  const inRange = (n: number, r: { first: number; count: number }): boolean => n >= r.first && n < r.first + r.count;
  return [
    ...rules.filter((r) => inRange(r.priority, ranges.priorities)).map((r) => `rule ${r.priority}`),
    ...routes.filter((r) => (r.table !== undefined && inRange(Number(r.table), ranges.tables)) || r.protocol === ROUTE_PROTO).map((r) => `route ${r.dst} table ${r.table ?? "main"}`),
  ];
}

/** The wsl side's eth0 MTU. */
export async function wslMtu(lab: Lab): Promise<number> {
  const r = await lab.exec("wsl", ["ip", "-j", "link", "show", "dev", "eth0"]);
  return (JSON.parse(r.stdout) as Array<{ mtu: number }>)[0]?.mtu ?? -1;
}

/**
 * `probe` arguments whose first round hangs: its floor (1400) is above the lab's TCP limit, so every
 * handshake waits out the 5 s timeout and the rules stay while the test signals it. Rules only exist
 * during a round, so a probe that could finish one would race the signal.
 */
export function hangingProbe(lab: Lab): string[] {
  return ["probe", "--url", lab.url, "--insecure", "--timeout-ms", "5000", "--min", "1400"];
}

/** Waits until a probe has installed its rules (state, not time, decides). */
export async function waitForRules(lab: Lab, timeoutMs = 30_000): Promise<void> {
  await pollUntil(() => leftovers(lab), (left) => left.length > 0, { timeoutMs, intervalMs: 20, failure: () => `the probe installed no rules within ${timeoutMs} ms` });
}

/**
 * Waits until a process in the wsl namespace listens for link changes (a NETLINK_ROUTE socket in
 * the RTMGRP_LINK group, as `ip monitor link` opens): only then is a change sure to be reported.
 */
export async function waitForLinkMonitor(lab: Lab, timeoutMs = 10_000): Promise<void> {
  const listening = async (): Promise<boolean> => {
    const rows = (await lab.exec("wsl", ["cat", "/proc/net/netlink"])).stdout.trim().split("\n").slice(1);
    return rows.some((row) => {
      const [, eth, , groups] = row.trim().split(/\s+/);
      return eth === "0" && (Number.parseInt(groups ?? "0", 16) & 1) === 1;
    });
  };
  await pollUntil(listening, (yes) => yes, { timeoutMs, intervalMs: 20, failure: () => `no link monitor in ${lab.ns.wsl} within ${timeoutMs} ms` });
}

/**
 * `--config` arguments naming a config whose state.dir lies in `dir`: `probe --apply` takes the
 * lock in its state directory (creating it), so a test gives it its own instead of /var/lib's.
 */
export async function ownStateArgs(dir: string): Promise<string[]> {
  const file = join(dir, "probe-config.json");
  await writeFile(file, JSON.stringify({ state: { dir: join(dir, "state") } }));
  return ["--config", file];
}
