import { describe, it } from "vitest";
import { expectInOrder } from "../support/inOrder.js";
import { useLabDemo } from "../support/labDemo.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo --topology raise", () => {
  const demo = useLabDemo("raise");

  it("tells eth0 stuck at 1280, the probe above it with eth0 put back, the agent applying the larger MTU and restoring 1280, and exits 0", async () => {
    const out = await demo();
    expectInOrder(out, [
      /^lab: wsl \(eth0 1280, as WSL sets it with Tailscale installed\)/m,
      /^ping 1400 bytes, DF set: refused before it leaves \(eth0 mtu 1280\)/m,
      /^ {2}note: eth0 MTU is 1280: raised to 1500 while probing, its routes pinned at 1280/m,
      /^ {2}MTU 1372 carries TLS; eth0 is back at 1280$/m,
      /^✓ Applied: eth0 mtu 1372/m,
      /^✓ baseline restored: eth0 mtu 1280/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ]);
  });
});
