import { describe, it } from "vitest";
import { expectInOrder } from "../support/inOrder.js";
import { useLabDemo } from "../support/labDemo.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo --topology container", () => {
  const demo = useLabDemo("container");

  it("tells the container's black hole, the clamp while Applied, its removal with the baseline, and exits 0", async () => {
    const out = await demo();
    const story = [
      /^lab: container 198\.18\.172\.2 \(eth0 1500\) ─ docker0/m,
      /^container → \S+: 256 KiB up, 1024 KiB down \(before the agent\): fails/m,
      /^✓ Applied: eth0 mtu 1372/m,
      /^\$ nft list table inet wsl_vpn_agent/m,
      /oifname "eth0" meta nfproto ipv4 tcp flags syn .*maxseg size set 1332/,
      /^container → \S+: 256 KiB up, 1024 KiB down \(Applied, MSS clamped\): works/m,
      /^✓ re-applied: eth0 mtu 1372/m,
      /^✓ baseline restored: eth0 mtu 1500/m,
      /^✓ clamp removed with the baseline/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ];
    expectInOrder(out, story);
  });
});
