import { describe, it } from "vitest";
import { expectInOrder } from "../support/inOrder.js";
import { useLabDemo } from "../support/labDemo.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo --topology split", () => {
  const demo = useLabDemo("split");

  it("tells the corporate black hole beside a working internet, the route while Applied, kept through a WSL rewrite, removed with the VPN, and exits 0", async () => {
    const out = await demo();
    expectInOrder(out, [
      /^lab: wsl \(eth0 1500\) ─ router ─ VPN link 1400, TCP ≤ 1372 ─ corporate https:\/\/198\.19\.0\.2\/ \(198\.19\.0\.0\/24\)/m,
      /^512 KiB HTTPS upload to the corporate server \S+ \(before the agent\): fails/m,
      /^512 KiB HTTPS upload to the internet server \S+ \(before the agent\): works/m,
      /^Windows: VPN connects \(.*split tunnel: 198\.19\.0\.0\/24\)/m,
      /^✓ Applied: routes 198\.19\.0\.0\/24 mtu 1[23]\d\d \(eth0 stays 1500\)/m,
      /^\$ ip route show proto 158/m,
      /^ {2}198\.19\.0\.0\/24 via 198\.18\.0\.1 dev eth0 .*mtu 1[23]\d\d/m,
      /^512 KiB HTTPS upload to the corporate server \S+ \(Applied on the route\): works/m,
      /^512 KiB HTTPS upload to the internet server \S+ \(Applied on the route\): works/m,
      /^✓ kept: routes 198\.19\.0\.0\/24 mtu 1[23]\d\d stay, nothing applied again/m,
      /^✓ baseline restored: eth0 mtu 1500, the agent's routes removed/m,
      /^ {2}\(none\)/m,
      /^✓ the agent's route went with the VPN/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ]);
  });
});
