import { probeAndApply, runAgentStory, showAfter, showBlackHole } from "../demo.js";
import type { Story } from "./stories.js";

/** The basic lab's story: black hole, `probe --apply`, then the whole agent. */
export const fullStory: Story = async (lab, o) => {
  o.out(`lab: wsl (eth0 1500) ─ router (link ${o.linkMtu}${o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`}${o.blockIcmpEcho === true ? ", no echo" : ""}) ─ server ${lab.url}`);
  await showBlackHole(lab, o);
  const code = await probeAndApply(lab, o);
  await showAfter(lab, o);
  if (code !== 0) return code;
  return await runAgentStory(lab, o);
};
