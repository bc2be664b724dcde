import { checkpointOf, fromCheckpoint, type Checkpoint } from "./checkpoint.js";
import type { Paths } from "./paths.js";
import type { AgentSnapshot } from "./step.js";

/** A checkpoint of every path: main's as before, the other VPNs' paths under `others` (absent when there are none, as before). */
export interface PathsCheckpoint extends Checkpoint {
  readonly others?: Readonly<Record<string, Checkpoint>>;
  /** Paths.retiredKnown (absent: none). */
  readonly retiredKnown?: Readonly<Record<string, number>>;
}

/** The checkpoint of every path (plain JSON data). Pure. */
export function pathsCheckpointOf(paths: Paths): PathsCheckpoint {
  const keys = Object.keys(paths.others);
  const retired = paths.retiredKnown === undefined ? {} : { retiredKnown: paths.retiredKnown };
  if (keys.length === 0) return { ...checkpointOf(paths.main), ...retired };
  return { ...checkpointOf(paths.main), others: Object.fromEntries(keys.map((k) => [k, checkpointOf(paths.others[k] as AgentSnapshot)])), ...retired };
}

/** The paths a checkpoint describes; a checkpoint of an earlier version has main's alone. Throws as `fromCheckpoint`. Pure. */
export function pathsFromCheckpoint(cp: PathsCheckpoint): Paths {
  const others = Object.fromEntries(Object.entries(cp.others ?? {}).map(([k, c]) => [k, fromCheckpoint(c)]));
  return { main: fromCheckpoint(cp), others, ...(cp.retiredKnown === undefined ? {} : { retiredKnown: cp.retiredKnown }) };
}
