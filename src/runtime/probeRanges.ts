import type { AgentConfig } from "../config/index.js";
import type { OwnedRanges } from "../probe/index.js";

/** The tables, rule priorities and local ports the config gives the probe engine. Pure. */
export function probeRanges(config: AgentConfig): OwnedRanges {
  const count = config.probe.slots;
  return {
    tables: { first: config.probe.tableBase, count },
    priorities: { first: config.probe.rulePriorityBase, count },
    // Ports are cheap and an attempt whose port is still held retries on another: give more.
    ports: { first: config.probe.localPortBase, count: Math.min(count * 8, 65_536 - config.probe.localPortBase) },
  };
}
