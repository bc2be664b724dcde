import type { SizeResult } from "../../machines/evidence.js";
import { describeFailure } from "../effects/run.js";
import type { Pool } from "./config.js";
import { ipBatch, routeArgs, type PathInfo } from "./routes.js";
import { tlsProbe, type AttemptResult, type Target } from "./tlsProbe.js";

export interface RoundContext {
  readonly target: Target;
  readonly path: PathInfo;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly pools: { readonly tables: Pool; readonly priorities: Pool; readonly ports: Pool };
  readonly signal: AbortSignal;
  readonly onSize: (r: SizeResult) => void;
}

export type RoundStart = { readonly ok: true; readonly done: Promise<SizeResult[]> } | { readonly ok: false; readonly error: string };

/**
 * Starts one parallel round: a table per size, a rule per attempt (its own source port), all
 * probes at once. The interface is never touched. The round's rules and routes are removed when
 * its last probe settles, whatever happened.
 */
export async function startRound(ctx: RoundContext, sizes: readonly number[], round: number): Promise<RoundStart> {
  const plan = sizes.map((mtu) => ({
    mtu,
    table: ctx.pools.tables.take(),
    probes: Array.from({ length: ctx.attempts }, () => ({ priority: ctx.pools.priorities.take(), port: ctx.pools.ports.take() })),
  }));
  const add: string[][] = [];
  const del: string[][] = [];
  for (const p of plan) {
    add.push(["route", "add", ...routeArgs(ctx.target.address, ctx.path, p.mtu, p.table)]);
    del.push(["route", "flush", "table", String(p.table)]);
    for (const a of p.probes) {
      add.push(["rule", "add", "priority", String(a.priority), "ipproto", "tcp", "sport", String(a.port), "lookup", String(p.table)]);
      del.unshift(["rule", "del", "priority", String(a.priority)]);
    }
  }
  const release = async (): Promise<void> => {
    await ipBatch(del, true);
    ctx.pools.tables.give(plan.map((p) => p.table));
    ctx.pools.priorities.give(plan.flatMap((p) => p.probes.map((a) => a.priority)));
    ctx.pools.ports.give(plan.flatMap((p) => p.probes.map((a) => a.port)));
  };
  const installed = await ipBatch(add);
  if (!installed.ok) {
    await release();
    return { ok: false, error: describeFailure(installed) };
  }
  const one = async (p: (typeof plan)[number]): Promise<SizeResult> => {
    const tries = await Promise.all(p.probes.map((a) => tlsProbe(ctx.target, a.port, ctx.timeoutMs, ctx.signal)));
    const r = summarize(p.mtu, round, tries);
    ctx.onSize(r);
    return r;
  };
  const done = Promise.all(plan.map(one)).finally(release);
  return { ok: true, done };
}

/** One size's result from its attempts: passes if any attempt passed. Pure. */
export function summarize(mtu: number, round: number, tries: readonly AttemptResult[]): SizeResult {
  const passed = tries.filter((t) => t.pass);
  if (passed.length > 0) return { mtu, pass: true, attempts: tries.length, round, ms: Math.min(...passed.map((t) => t.ms)) };
  const reason = [...new Set(tries.map((t) => t.reason ?? "failed"))].join("; ");
  return { mtu, pass: false, attempts: tries.length, round, ms: Math.max(0, ...tries.map((t) => t.ms)), reason };
}
