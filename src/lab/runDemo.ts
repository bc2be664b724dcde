import { EnvironmentError } from "../errors.js";
import { createLab } from "./createLab.js";
import type { DemoOptions } from "./demo.js";
import { topologyStories } from "./demo/stories.js";

/**
 * The lab demo: shows the black hole, probes, applies, verifies, then runs the whole agent through
 * a VPN connect, a WSL rewrite and a disconnect, and replays its journal; tears the lab down.
 * Returns the exit code: 0 only if every step happened.
 */
export async function runDemo(o: DemoOptions): Promise<number> {
  const topology = o.topology ?? "full";
  const story = topologyStories[topology];
  if (story === undefined) throw new EnvironmentError(`lab demo: the topology "${topology}" has no demo yet`);
  const lab = await createLab(o);
  o.onLab?.(lab);
  try {
    return await story(lab, o);
  } finally {
    await lab.destroy();
    o.out("lab removed");
  }
}
