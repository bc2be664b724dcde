import type { SizeResult } from "../../machines/evidence.js";
import { describeFailure } from "../effects/run.js";
import type { Pool } from "./config.js";
import { ipBatch } from "../effects/ipBatch.js";
import type { PathInfo } from "../effects/routeGet.js";
import { routeArgs } from "./routes.js";
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
  const room = roundCapacity(ctx);
  if (room < sizes.length) return { ok: false, error: `the agent's ranges have room for ${room} sizes, ${sizes.length} asked: raise probe.slots` };
  const plan = sizes.map((mtu) => ({
    mtu,
    table: ctx.pools.tables.take(),
    probes: Array.from({ length: ctx.attempts }, () => ({ priority: ctx.pools.priorities.take(), port: ctx.pools.ports.take() })),
  }));
  const extra: Array<{ priority: number; port: number }> = [];
  // The number, not "tcp": the name needs /etc/protocols, which minimal images (no netbase) lack.
  const rule = (a: { priority: number; port: number }, table: number): string[] => ["rule", "add", "priority", String(a.priority), "ipproto", "6", "sport", String(a.port), "lookup", String(table)];
  const add = plan.flatMap((p) => [["route", "add", ...routeArgs(ctx.target.address, ctx.path, p.mtu, p.table)], ...p.probes.map((a) => rule(a, p.table))]);
  const release = async (): Promise<void> => {
    const probes = [...plan.flatMap((p) => p.probes), ...extra];
    await ipBatch([...probes.map((a) => ["rule", "del", "priority", String(a.priority)]), ...plan.map((p) => ["route", "flush", "table", String(p.table)])], true);
    ctx.pools.tables.give(plan.map((p) => p.table));
    ctx.pools.priorities.give(probes.map((a) => a.priority));
    ctx.pools.ports.give(probes.map((a) => a.port));
  };
  const installed = await ipBatch(add);
  if (!installed.ok) {
    await release();
    return { ok: false, error: describeFailure(installed) };
  }
  // A local port still held by an old connection says nothing about the path: retry on a fresh port.
  const attempt = async (c: Pick<RoundContext, "signal">, table: number, first: { priority: number; port: number }, timeoutMs: number): Promise<AttemptResult> => {
    let r = await tlsProbe(ctx.target, first.port, timeoutMs, c.signal);
    for (let retry = 0; retry < 3 && !r.pass && LOCAL_ERROR.test(r.reason ?? "") && ctx.pools.priorities.available > 0 && ctx.pools.ports.available > 0; retry++) {
      const next = { priority: ctx.pools.priorities.take(), port: ctx.pools.ports.take() };
      extra.push(next);
      const added = await ipBatch([rule(next, table)]);
      if (!added.ok) break;
      r = await tlsProbe(ctx.target, next.port, timeoutMs, c.signal);
    }
    return r;
  };
  // Later attempts are hedges: they start only when the first has not passed after a quarter of
  // the timeout, and end at the same deadline. A passing size then costs one handshake, not two.
  // The size is reported at its first pass; its other attempts are then cut short.
  const one = async (p: (typeof plan)[number]): Promise<SizeResult | null> => {
    const own = new AbortController();
    const signal = AbortSignal.any([ctx.signal, own.signal]);
    const sized = { ...ctx, signal };
    const [head, ...hedges] = p.probes;
    if (head === undefined) return null;
    const first = attempt(sized, p.table, head, ctx.timeoutMs);
    const runs = [first, ...hedges.map(async (a, i) => {
      const wait = Math.round(((i + 1) * ctx.timeoutMs) / 4);
      return (await passedWithin(first, wait, signal)) ? null : attempt(sized, p.table, a, ctx.timeoutMs - wait);
    })];
    const tries: AttemptResult[] = [];
    let reported: SizeResult | null = null;
    const report = (): void => {
      // Probes cut short because the answer is in (or the run was aborted) say nothing about the size.
      if (reported !== null || (ctx.signal.aborted && tries.every((t) => !t.pass))) return;
      reported = { ...summarize(p.mtu, round, tries), attempts: tries.length };
      ctx.onSize(reported);
    };
    await Promise.all(runs.map(async (run) => {
      const t = await run;
      if (t === null || (t.reason === "aborted" && own.signal.aborted)) return;
      tries.push(t);
      if (t.pass) {
        report();
        own.abort();
      }
    }));
    report();
    return reported;
  };
  const done = Promise.all(plan.map(one))
    .then((rs) => rs.filter((r): r is SizeResult => r !== null))
    .finally(release);
  return { ok: true, done };
}

/** True when `attempt` passed within `ms`; false when it failed or the time ran out; true (stop) on abort. Leaves no timer behind. */
function passedWithin(attempt: Promise<AttemptResult>, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (stop: boolean): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(stop);
    };
    const onAbort = (): void => done(true);
    const timer = setTimeout(() => done(false), ms);
    signal.addEventListener("abort", onAbort, { once: true });
    if (signal.aborted) return done(true);
    void attempt.then((r) => done(r.pass));
  });
}

/** How many sizes (a table and `attempts` rules and ports each) the free numbers can take now. */
export function roundCapacity(ctx: Pick<RoundContext, "pools" | "attempts">): number {
  const { tables, priorities, ports } = ctx.pools;
  return Math.min(tables.available, Math.floor(Math.min(priorities.available, ports.available) / ctx.attempts));
}

const LOCAL_ERROR = /EADDRNOTAVAIL|EADDRINUSE|busy/;

/** One size's result from its attempts: passes if any attempt passed. Pure. */
export function summarize(mtu: number, round: number, tries: readonly AttemptResult[]): SizeResult {
  const passed = tries.filter((t) => t.pass);
  if (passed.length > 0) return { mtu, pass: true, attempts: tries.length, round, ms: Math.min(...passed.map((t) => t.ms)) };
  const reason = [...new Set(tries.map((t) => t.reason ?? "failed"))].join("; ");
  return { mtu, pass: false, attempts: tries.length, round, ms: Math.max(0, ...tries.map((t) => t.ms)), reason };
}
