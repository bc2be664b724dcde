import type { AgentInput } from "../../machines/index.js";
import type { AgentConfig } from "../config/index.js";
import { IPV6_MIN_MTU } from "../link/mtuBounds.js";

/** What the system says at start, beside the config. */
export interface StartFacts {
  readonly baselineMtu: number;
  readonly baselineFixed: boolean;
  readonly currentMtu: number;
  readonly known: Readonly<Record<string, number>>;
  readonly dryRun: boolean;
  /** The interface carries IPv6 addresses (absent: not known, treated as no). */
  readonly ipv6?: boolean;
  /** The interface managed at start (named, or chosen for "auto"). */
  readonly iface?: string;
}

/**
 * The smallest MTU the machine may set: `probe.minMtu`, raised to 1280 on an interface carrying
 * IPv6 (Linux removes IPv6 from an interface below 1280). `raised` says so, for the log. Pure.
 */
export function effectiveMinMtu(config: AgentConfig, facts: Pick<StartFacts, "ipv6" | "iface">): { readonly minMtu: number; readonly raised: string | null } {
  const configured = config.probe.minMtu;
  if (facts.ipv6 !== true || configured >= IPV6_MIN_MTU) return { minMtu: configured, raised: null };
  return {
    minMtu: IPV6_MIN_MTU,
    raised: `${facts.iface ?? config.interface} carries IPv6 addresses, which Linux removes below MTU ${IPV6_MIN_MTU}: probe.minMtu ${configured} raised to ${IPV6_MIN_MTU}`,
  };
}

/**
 * The baseline the machine restores: on an interface carrying IPv6 never below 1280, whether it
 * comes from the config, state.json or the link (a restore to 1000 would remove every IPv6
 * address, as an apply would). `raised` says so, for the log. Pure.
 */
export function effectiveBaseline(config: AgentConfig, facts: Pick<StartFacts, "baselineMtu" | "ipv6" | "iface">): { readonly baselineMtu: number; readonly raised: string | null } {
  const { baselineMtu } = facts;
  if (facts.ipv6 !== true || baselineMtu >= IPV6_MIN_MTU) return { baselineMtu, raised: null };
  return {
    baselineMtu: IPV6_MIN_MTU,
    raised: `${facts.iface ?? config.interface} carries IPv6 addresses, which Linux removes below MTU ${IPV6_MIN_MTU}: baseline ${baselineMtu} raised to ${IPV6_MIN_MTU}, restored instead of it`,
  };
}

/** The machine's input from the config and the facts at start: one mapping for the agent and `probe --apply`. Pure. */
export function machineInput(config: AgentConfig, facts: StartFacts): AgentInput {
  const { minMtu } = effectiveMinMtu(config, facts);
  return {
    minMtu,
    maxMtu: Math.max(config.probe.maxMtu, minMtu),
    baselineMtu: effectiveBaseline(config, facts).baselineMtu,
    baselineFixed: facts.baselineFixed,
    currentMtu: facts.currentMtu,
    profiles: config.profiles,
    known: facts.known,
    healthIntervalMs: config.healthCheck.intervalMs,
    retryBaseMs: config.retry.baseMs,
    retryMaxMs: config.retry.maxMs,
    // A dry run changes nothing, so there is nothing to restore either.
    restoreOnStop: config.restoreOnStop && !facts.dryRun,
    ...(facts.iface === undefined ? {} : { iface: facts.iface }),
    applyScope: config.apply.scope,
  };
}
