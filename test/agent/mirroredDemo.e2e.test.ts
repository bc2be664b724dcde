import { describe, it } from "vitest";
import { expectInOrder } from "../support/inOrder.js";
import { useLabDemo } from "../support/labDemo.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo --topology mirrored", () => {
  const demo = useLabDemo("mirrored");

  it("tells eth1's black hole at 9000, eth1 lowered with eth0 untouched, eth1 gone with the VPN, and exits 0", async () => {
    const out = await demo();
    expectInOrder(out, [
      /^lab: wsl ─ eth1 \(9000, the VPN's mirrored adapter, default route\)/m,
      /^curl \S+ \(through eth1 at 9000\): fails/m,
      /^✓ Applied: eth1 mtu 1372 \(was 9000\), eth0 untouched at 1500/m,
      /^curl \S+ \(Applied\): HTTP 200/m,
      /eth1 is gone \(it went with the VPN\): nothing to restore/,
      /^✓ eth1 went with the VPN \(nothing to restore\); managing eth0, mtu 1500/m,
      /^✓ agent stopped on SIGTERM, exit 0/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ]);
  });
});
