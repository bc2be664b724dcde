import { describe, expect, it } from "vitest";
import { proxyEndpoints } from "../../src/lab/topology/proxy.js";
import { skipE2e } from "../support/root.js";
import { cliInLab, leftovers, ownStateArgs, useLab, wslMtu } from "../support/lab.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

// The corporate server is reachable only through the proxy beside it; the path to both crosses a
// link of 1400 whose router drops TCP above 1337.
describe.skipIf(skipE2e)("probe through a corporate proxy (lab topology proxy)", () => {
  const lab = useLab({ topology: "proxy", linkMtu: 1400, tcpLimit: 1337 });
  const proxy = proxyEndpoints();
  const probe = async (extra: readonly string[], env?: Record<string, string>) =>
    cliInLab(lab(), ["probe", "--url", lab().url, "--ca-file", lab().caFile, "--timeout-ms", "1000", "--json", ...extra, ...(await ownStateArgs(await tmp()))], env);

  it("without the proxy the server cannot be reached at all", async () => {
    const r = await probe([]);
    expect(r.exitCode).toBe(69);
    expect(r.json.reason).toBe(`target unreachable: no TCP connection to ${lab().addresses.server}:443 within 1000 ms`);
  });

  it("--proxy: the exact MTU of the path to the proxy, one TCP connection per attempt, nothing left behind", async () => {
    const r = await probe(["--proxy", proxy.tunnel]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.mtu).toBe(1337);
    // Byte-exact: 1337 passed and 1338 failed. Both only hold if each attempt's source-port rule
    // sent its connection to the proxy through its size's table (routes to the proxy's address).
    const sizes = r.json.evidence?.sizes ?? [];
    expect(sizes.find((s) => s.mtu === 1337)?.pass).toBe(true);
    expect(sizes.find((s) => s.mtu === 1338)).toMatchObject({ pass: false, reason: expect.stringMatching(/^timeout in (handshake|request|response)/) });
    expect(r.json.evidence?.notes).toContain(`through proxy ${proxy.address}:3128 (from --proxy): the MTU measured is that of the path to the proxy`);
    expect(await leftovers(lab())).toEqual([]);
  });

  it("https_proxy in the environment: the same answer; no_proxy naming the host turns it off", async () => {
    const viaEnv = await probe([], { https_proxy: proxy.tunnel });
    expect(viaEnv.json.mtu, viaEnv.stderr).toBe(1337);
    expect(viaEnv.json.evidence?.notes).toContain(`through proxy ${proxy.address}:3128 (from https_proxy): the MTU measured is that of the path to the proxy`);
    const excluded = await probe([], { HTTPS_PROXY: proxy.tunnel, NO_PROXY: "198.19.0.0/24" });
    expect(excluded.json.reason).toMatch(/^target unreachable/);
  });

  it.each([
    ["auth", "407 Proxy Authentication Required"],
    ["forbid", "403 Forbidden"],
  ] as const)("a proxy answering %s: the probe fails with that reason, no size counted as black-holed", async (which, answer) => {
    const r = await probe(["--proxy", proxy[which]]);
    expect(r.exitCode).toBe(69);
    expect(r.json).toMatchObject({ ok: false, mtu: null, reason: `proxy ${proxy[which].slice("http://".length)} answered ${answer}` });
    expect(r.json.evidence?.sizes).toEqual([]);
    expect(await leftovers(lab())).toEqual([]);
  });

  it("--apply through the proxy: applied and verified with curl through the proxy; a 407 applies nothing", async () => {
    const denied = await probe(["--proxy", proxy.auth, "--apply"]);
    expect(denied.exitCode).toBe(69);
    expect(await wslMtu(lab())).toBe(1500);
    const r = await probe(["--proxy", proxy.tunnel, "--apply"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.apply).toMatchObject({ ok: true, mtu: 1337, previous: 1500 });
    expect(await wslMtu(lab())).toBe(1337);
  });
});
