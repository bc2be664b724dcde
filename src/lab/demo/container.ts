import { listClamp } from "../../effects/clampMss.js";
import { CLAMP_TABLE } from "../../effects/clampRules.js";
import type { Lab } from "../createLab.js";
import { runAgentStory, type DemoOptions } from "../demo.js";
import { CONTAINER } from "../topology/container.js";
import { containerTransfer } from "../topology/containerTransfer.js";
import type { Story } from "./stories.js";

const UPLOAD = 256 * 1024;
const DOWNLOAD = 1024 * 1024;

/** One upload and download from the container, told as a line; true when it worked. */
async function tellTransfer(lab: Lab, o: DemoOptions, when: string): Promise<boolean> {
  const t = await containerTransfer(lab, { upload: UPLOAD, download: DOWNLOAD, timeoutMs: 4000 });
  const what = `container → ${lab.url}: ${UPLOAD / 1024} KiB up, ${DOWNLOAD / 1024} KiB down`;
  o.out(`${what} (${when}): ${t.ok ? `works (${t.ms} ms)` : `fails (${t.reason}; ${t.uploaded} bytes got up, ${t.downloaded} came down)`}`);
  return t.ok;
}

/**
 * The `container` story: a container behind WSL's docker0 bridge is black-holed; the whole agent
 * applies the MTU and clamps the MSS of forwarded SYNs, so the container's transfer works; the clamp
 * goes with the baseline when the VPN disconnects.
 */
export const containerStory: Story = async (lab, o) => {
  const limit = o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`;
  o.out(`lab: container ${CONTAINER.address} (eth0 1500) ─ docker0 ─ wsl (eth0 1500, masquerade as Docker does) ─ router (link ${o.linkMtu}${limit}) ─ server ${lab.url}`);
  await tellTransfer(lab, o, "before the agent");
  const table = (): Promise<string | null> => listClamp({ netns: lab.ns.wsl });
  return runAgentStory(lab, o, {
    applied: async () => {
      const rules = await table();
      if (rules === null) throw new Error(`Applied, but there is no table inet ${CLAMP_TABLE}`);
      o.out(`$ nft list table inet ${CLAMP_TABLE}`);
      for (const line of rules.split("\n")) o.out(`  ${line}`);
      if (!(await tellTransfer(lab, o, "Applied, MSS clamped"))) throw new Error("the container's transfer still fails while the clamp is set");
      o.out("✓ container: forwarded connections fit the applied MTU");
    },
    restored: async () => {
      // The status shows the baseline as soon as the link has it; the restore's clamp removal lands just after.
      const deadline = Date.now() + 5000;
      while ((await table()) !== null) {
        if (Date.now() > deadline) throw new Error(`the baseline is back, but table inet ${CLAMP_TABLE} is still there after 5 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
      o.out(`✓ clamp removed with the baseline (no table inet ${CLAMP_TABLE})`);
    },
  });
};
