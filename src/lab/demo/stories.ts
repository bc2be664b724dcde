import type { Lab } from "../createLab.js";
import type { DemoOptions } from "../demo.js";
import type { LabTopology } from "../topologies.js";
import { containerStory } from "./container.js";
import { proxyStory } from "./proxy.js";
import { raiseStory } from "./raise.js";
import { splitStory } from "./split.js";
import { mirroredStory } from "./mirrored.js";

/** A demo story told in a built lab of its topology; returns the exit code (0 only if every step happened). */
export type Story = (lab: Lab, o: DemoOptions) => Promise<number>;

/** The stories of the topologies beyond the basic lab (whose story is in demo.ts), one file each. */
export const topologyStories: Partial<Record<Exclude<LabTopology, "full">, Story>> = {
  container: containerStory,
  proxy: proxyStory,
  raise: raiseStory,
  split: splitStory,
  mirrored: mirroredStory,
};
