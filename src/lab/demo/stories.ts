import type { Lab } from "../createLab.js";
import type { DemoOptions } from "../demo.js";
import type { LabTopology } from "../topologies.js";
import { containerStory } from "./container.js";
import { fullStory } from "./full.js";
import { proxyStory } from "./proxy.js";
import { raiseStory } from "./raise.js";
import { splitStory } from "./split.js";
import { mirroredStory } from "./mirrored.js";
import { multiStory } from "./multi.js";

/** A demo story told in a built lab of its topology; returns the exit code (0 only if every step happened). */
export type Story = (lab: Lab, o: DemoOptions) => Promise<number>;

/** The story of each topology that has a demo, one file each. */
export const topologyStories: Partial<Record<LabTopology, Story>> = {
  full: fullStory,
  container: containerStory,
  proxy: proxyStory,
  raise: raiseStory,
  split: splitStory,
  mirrored: mirroredStory,
  multi: multiStory,
};
