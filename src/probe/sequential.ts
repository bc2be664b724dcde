import type { SizeResult } from "../../machines/evidence.js";
import { describeFailure } from "../effects/run.js";
import { bracketOf, isExact, type Bracket } from "./candidates.js";
import type { Pool } from "./config.js";
import { ipBatch } from "../effects/ipBatch.js";
import type { PathInfo } from "../effects/routeGet.js";
import { readMain } from "../effects/agentRoutes.js";
import { ROUTE_PROTO } from "./config.js";
import { routeArgs } from "./routes.js";
import { tlsProbe, type Target } from "./tlsProbe.js";

export interface SequentialContext {
  readonly target: Target;
  readonly path: PathInfo;
  readonly timeoutMs: number;
  readonly ports: Pool;
  readonly signal: AbortSignal;
  readonly onSize: (r: SizeResult) => void;
}

/**
 * Fallback when policy rules are unavailable: binary search, one probe at a time, on a single
 * per-destination route in the main table (marked with the agent's `proto`, removed by cleanup).
 * A /32 to the target that someone else routes is never touched (docs/operations.md#routes-the-agent-does-not-own):
 * the search does not start; its first route is added, never replaced, so one that appears
 * meanwhile fails the add. Returns the results it produced; the caller brackets them with the earlier ones.
 */
export async function sequentialSearch(ctx: SequentialContext, start: Bracket, firstRound: number): Promise<{ results: SizeResult[]; error?: string }> {
  const results: SizeResult[] = [];
  const host = `${ctx.target.address}/32`;
  const main = await readMain(ROUTE_PROTO);
  if ("error" in main) return { results, error: main.error };
  if (main.foreign.has(host)) return { results, error: `the main table already has a route for ${host} that is not the probe's: the sequential probe would have to replace it, so it leaves it alone` };
  let verb = main.ours.has(host) ? "replace" : "add";
  let b = start;
  for (let round = firstRound; !isExact(b) && !ctx.signal.aborted; round++) {
    const mtu = Math.floor((b.pass + b.fail) / 2);
    const set = await ipBatch([["route", verb, ...routeArgs(ctx.target.address, ctx.path, mtu, "main")]]);
    if (!set.ok) return { results, error: describeFailure(set) };
    verb = "replace"; // the route at that key is the probe's own now
    const port = ctx.ports.take();
    const t = await tlsProbe(ctx.target, port, ctx.timeoutMs, ctx.signal);
    ctx.ports.give([port]);
    const r: SizeResult = { mtu, pass: t.pass, attempts: 1, round, ms: t.ms, ...(t.reason === undefined ? {} : { reason: t.reason }) };
    results.push(r);
    ctx.onSize(r);
    b = bracketOf([{ mtu: b.pass, pass: true }, { mtu: b.fail, pass: false }, r], b.pass, b.fail);
  }
  return { results };
}
