/**
 * The lab's shapes, one per kind of laptop the agent must handle (docs/topologies in the README):
 * `full` is the basic lab (NAT mode, a full tunnel, a direct HTTPS target). `lab up --topology` and
 * `lab demo --topology` take these names; they are a contract, add, never rename.
 */
export const labTopologies = ["full", "split", "proxy", "mirrored", "raise", "container", "multi"] as const;

export type LabTopology = (typeof labTopologies)[number];

export const DEFAULT_TOPOLOGY: LabTopology = "full";
