import { verifyHttps } from "../../effects/verifyHttps.js";
import { parseProxyUrl, type ProxyEndpoint } from "../../proxy/proxyUrl.js";
import type { Lab } from "../createLab.js";
import { probeAndApply, runAgentStory, type DemoOptions } from "../demo.js";
import { proxyEndpoints } from "../topology/proxy.js";
import type { Story } from "./stories.js";

const endpoints = proxyEndpoints();

function endpoint(url: string): ProxyEndpoint {
  const p = parseProxyUrl(url, "lab");
  if ("problem" in p) throw new Error(p.problem);
  return p;
}

/** One curl from the wsl side, told as a line; true when it got an HTTP answer. */
async function tellCurl(lab: Lab, o: DemoOptions, how: string, proxy: string | null): Promise<boolean> {
  const v = await verifyHttps({ url: lab.url, caFile: lab.caFile, timeoutMs: 3000, netns: lab.ns.wsl, proxy: proxy === null ? null : endpoint(proxy) });
  o.out(`curl ${lab.url} ${how}: ${v.ok ? `HTTP ${v.httpCode} in ${v.ms} ms` : `fails (${v.reason})`}`);
  return v.ok;
}

async function eth0Mtu(lab: Lab): Promise<string> {
  const r = await lab.exec("wsl", ["ip", "-o", "link", "show", "dev", "eth0"]);
  return / mtu (\d+)/.exec(r.stdout)?.[1] ?? "?";
}

/**
 * The `proxy` story: HTTPS to the corporate server is allowed only through the proxy beside it;
 * through the proxy it hangs at MTU 1500; `probe --proxy` finds the exact MTU of the path to the
 * proxy, applies and verifies it; the whole agent does the same with `verify.proxy`; a proxy that
 * wants credentials (407) fails the probe with that reason and nothing is applied.
 */
export const proxyStory: Story = async (lab, o) => {
  const limit = o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`;
  o.out(`lab: wsl (eth0 1500) ─ router (link ${o.linkMtu}${limit}; direct HTTPS to the server dropped) ─ server ${lab.url} + proxy ${endpoints.tunnel}`);
  await tellCurl(lab, o, "directly", null);
  await tellCurl(lab, o, `through ${endpoints.tunnel} at MTU 1500`, endpoints.tunnel);
  const code = await probeAndApply(lab, o, ["--proxy", endpoints.tunnel]);
  o.out(`eth0 now: mtu ${await eth0Mtu(lab)}`);
  const works = await tellCurl(lab, o, `through ${endpoints.tunnel}`, endpoints.tunnel);
  if (code !== 0 || !works) return code === 0 ? 1 : code;

  o.out("");
  o.out(`── the agent with "verify": {"proxy": "${endpoints.tunnel}"} (or https_proxy in its environment)`);
  const agent = await runAgentStory(lab, o, { verify: { proxy: endpoints.tunnel } });
  if (agent !== 0) return agent;

  o.out("");
  o.out(`── a proxy that wants credentials: ${endpoints.auth} answers every CONNECT with 407`);
  const before = await eth0Mtu(lab);
  const denied = await probeAndApply(lab, o, ["--proxy", endpoints.auth]);
  const after = await eth0Mtu(lab);
  // The probe must fail (69: the target cannot be reached), and leave the interface as it was.
  if (denied !== 69 || after !== before) {
    o.out(`✗ expected the probe to fail with exit 69 and eth0 to stay at ${before}: exit ${denied}, eth0 mtu ${after}`);
    return 1;
  }
  o.out(`✓ no MTU applied: eth0 still mtu ${after}; the agent would be Degraded with that reason (status shows it)`);
  return 0;
};
