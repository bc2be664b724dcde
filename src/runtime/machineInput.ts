import type { AgentInput } from "../../machines/index.js";
import type { AgentConfig } from "../config/index.js";

/** What the system says at start, beside the config. */
export interface StartFacts {
  readonly baselineMtu: number;
  readonly baselineFixed: boolean;
  readonly currentMtu: number;
  readonly known: Readonly<Record<string, number>>;
  readonly dryRun: boolean;
}

/** The machine's input from the config and the facts at start: one mapping for the agent and `probe --apply`. Pure. */
export function machineInput(config: AgentConfig, facts: StartFacts): AgentInput {
  return {
    minMtu: config.probe.minMtu,
    maxMtu: config.probe.maxMtu,
    baselineMtu: facts.baselineMtu,
    baselineFixed: facts.baselineFixed,
    currentMtu: facts.currentMtu,
    profiles: config.profiles,
    known: facts.known,
    healthIntervalMs: config.healthCheck.intervalMs,
    retryBaseMs: config.retry.baseMs,
    retryMaxMs: config.retry.maxMs,
    // A dry run changes nothing, so there is nothing to restore either.
    restoreOnStop: config.restoreOnStop && !facts.dryRun,
    applyScope: config.apply.scope,
  };
}
