import type { ApplyReason } from "../../machines/index.js";
import { listPrefixes } from "../../machines/cidr.js";
import { listClamp, nftMissing, removeClamp, setClamp } from "../effects/clampMss.js";
import { clampProblem, CLAMP_TABLE, HEADERS, type ClampSpec } from "../effects/clampRules.js";
import { describeFailure, type CommandResult } from "../effects/run.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log/index.js";

/** An apply that succeeded: the interface now has `mtu`, for `reason`. */
export interface AppliedMtu {
  readonly iface: string;
  readonly mtu: number;
  readonly reason: ApplyReason;
  /** apply.scope routes: the prefixes whose routes carry `mtu` (`[]`: the agent's routes are gone); absent: the interface carries it. */
  readonly prefixes?: readonly string[];
}

/**
 * The MTU forwarded connections are clamped to after `a` succeeded, or null for none: an apply or a
 * rollback that leaves the interface off its baseline clamps; a restore, or anything landing on
 * the baseline, removes the clamp. Pure.
 */
export function clampMtuAfter(a: Pick<AppliedMtu, "mtu" | "reason" | "prefixes">, baselineMtu: number): number | null {
  return a.reason === "restore" || a.mtu === baselineMtu || a.prefixes?.length === 0 ? null : a.mtu;
}

export interface ClampFollowerDeps {
  /** `forward.clampMss`: false never sets a clamp (a stale table is still removed). */
  readonly enabled: boolean;
  readonly dryRun: boolean;
  readonly log: Logger;
  /** The baseline the machine holds now (it follows the link while no VPN is up). */
  readonly baselineMtu: () => number;
}

export interface ClampFollower {
  /** Follows a successful apply: sets, updates or removes the clamp. Never throws; failures are logged. */
  afterApply(a: AppliedMtu): Promise<void>;
  /** Removes the table, whatever set it (start-up cleanup after a crash, stop). Never throws. */
  remove(why: "start" | "stop"): Promise<void>;
}

/**
 * The MSS clamp for forwarded traffic (containers behind WSL), kept in step with the MTU the agent
 * applies. The machine is not involved: the clamp follows the applies it asked for. nft runs are
 * queued, so the table always ends as the last apply left it.
 */
export function createClampFollower(deps: ClampFollowerDeps): ClampFollower {
  const { log } = deps;
  let queue: Promise<void> = Promise.resolve();
  let current: ClampSpec | null = null;
  let warnedMissing = false;
  const serial = (work: () => Promise<void>): Promise<void> => {
    queue = queue.then(work).catch((error: unknown) => log.error({ event: "clamp.failed", err: error }, `MSS clamp: ${errorMessage(error)}`));
    return queue;
  };
  /** Logs a failed nft run; a missing nft once, as a warning that says what it costs. */
  const failed = (r: CommandResult, what: string): void => {
    if (!nftMissing(r)) return void log.warn({ event: "clamp.failed", clamp: { cmd: r.command, stderr: r.stderr } }, `MSS clamp: could not ${what}: ${describeFailure(r)}`);
    if (warnedMissing) return;
    warnedMissing = true;
    log.warn({ event: "clamp.nft_missing" }, `MSS clamp: nft is not installed, so containers and other traffic forwarded through WSL are not clamped (install nftables, or set forward.clampMss to false)`);
  };

  const drop = async (why: string, always: boolean): Promise<void> => {
    if (!always && current === null) return;
    if (deps.dryRun) return void log.info({ event: "clamp.dry_run" }, `dry-run: would remove the MSS clamp (${why})`);
    const stale = current === null ? await listClamp() : null;
    const r = await removeClamp();
    // Without nft there is nothing it could have set: quiet until a clamp is wanted.
    if (!r.ok) return nftMissing(r) ? undefined : failed(r, `remove table inet ${CLAMP_TABLE}`);
    if (current !== null) log.info({ event: "clamp.removed", clamp: null }, `MSS clamp removed (${why})`);
    else if (stale !== null) log.warn({ event: "clamp.stale_removed", clamp: null }, `MSS clamp: removed table inet ${CLAMP_TABLE} left by an earlier run (${why})`);
    current = null;
  };

  const set = async (spec: ClampSpec): Promise<void> => {
    const problem = clampProblem(spec);
    if (problem !== null) return void log.warn({ event: "clamp.not_set" }, `MSS clamp not set: ${problem}`);
    const text = `forwarded TCP through ${spec.iface}${spec.prefixes === undefined ? "" : ` to ${listPrefixes(spec.prefixes)}`} clamped to MSS ${spec.mtu - HEADERS.ipv4} (IPv6 ${spec.mtu - HEADERS.ipv6}) for MTU ${spec.mtu}`;
    if (deps.dryRun) return void log.info({ event: "clamp.dry_run" }, `dry-run: would set the MSS clamp: ${text}`);
    const r = await setClamp(spec);
    if (!r.ok) return failed(r, `set the clamp in table inet ${CLAMP_TABLE}`);
    // Written again on every apply (a firewall reload may have flushed it); said again only when it changed.
    const changed = current === null || !sameSpec(current, spec);
    current = spec;
    log[changed ? "info" : "debug"]({ event: "clamp.set", clamp: { iface: spec.iface, mtu: spec.mtu, prefixes: spec.prefixes ?? null } }, `MSS clamp: ${text}`);
  };

  return {
    afterApply: (a) =>
      serial(async () => {
        const mtu = clampMtuAfter(a, deps.baselineMtu());
        if (mtu === null) return drop(a.prefixes === undefined ? `${a.iface} back to mtu ${a.mtu}` : "the agent's routes removed", false);
        if (!deps.enabled) return;
        // In routes scope only connections to the VPN's prefixes are clamped, as only they get the MTU.
        await set({ iface: a.iface, mtu, ...(a.prefixes === undefined ? {} : { prefixes: a.prefixes }) });
      }),
    remove: (why) => serial(() => drop(why === "start" ? "start-up cleanup" : "agent stopping", true)),
  };
}

function sameSpec(a: ClampSpec, b: ClampSpec): boolean {
  return a.iface === b.iface && a.mtu === b.mtu && (a.prefixes ?? []).join(",") === (b.prefixes ?? []).join(",") && (a.prefixes === undefined) === (b.prefixes === undefined);
}
