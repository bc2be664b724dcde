import { describe, it } from "vitest";
import { expectInOrder } from "../support/inOrder.js";
import { useLabDemo } from "../support/labDemo.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo --topology proxy", () => {
  const demo = useLabDemo("proxy");

  it("tells direct HTTPS blocked, the hang through the proxy, the probe through it, the agent with verify.proxy, a 407 failing clearly, and exits 0", async () => {
    const out = await demo();
    expectInOrder(out, [
      /^lab: wsl \(eth0 1500\) ─ router \(link 1400, TCP ≤ 1372; direct HTTPS to the server dropped\) ─ server \S+ \+ proxy http:\/\/198\.19\.0\.3:3128$/m,
      /^curl \S+ directly: fails/m,
      /^curl \S+ through http:\/\/198\.19\.0\.3:3128 at MTU 1500: fails/m,
      /^\$ \S+ probe .* --apply --proxy http:\/\/198\.19\.0\.3:3128$/m,
      /^ {2}MTU 1372 on eth0/m,
      /^ {2}applied 1372 to eth0 \(was 1500\); verified/m,
      /^curl \S+ through http:\/\/198\.19\.0\.3:3128: HTTP 200/m,
      /^── the agent with "verify": \{"proxy": "http:\/\/198\.19\.0\.3:3128"\}/m,
      /probe: largest MTU carrying TLS is 1372 .* through proxy 198\.19\.0\.3:3128$/m,
      /^✓ Applied: eth0 mtu 1372/m,
      /^✓ baseline restored: eth0 mtu 1500/m,
      /^✓ replay: exit 0/m,
      /^ {2}wsl-vpn-agent: probe failed: proxy 198\.19\.0\.3:3129 answered 407 Proxy Authentication Required$/m,
      /^✓ no MTU applied: eth0 still mtu 1500/m,
      /^lab removed$/m,
    ]);
  });
});
