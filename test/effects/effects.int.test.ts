import { describe, expect, it } from "vitest";
import { parseLinkMtu } from "../../src/effects/linkMtu.js";
import { describeFailure, runCommand } from "../../src/effects/run.js";
import { curlArgs, proxyReason } from "../../src/effects/verifyHttps.js";
import { parseMonitorLine } from "../../src/effects/watchMtu.js";

describe("runCommand (real tiny programs)", () => {
  it("reports success with stdout", async () => {
    const r = await runCommand([process.execPath, "-e", "process.stdout.write('hi')"]);
    expect(r).toMatchObject({ ok: true, exitCode: 0, stdout: "hi", timedOut: false });
  });
  it("reports a failure as data: exit code and stderr", async () => {
    const r = await runCommand([process.execPath, "-e", "process.stderr.write('boom'); process.exit(3)"]);
    expect(r).toMatchObject({ ok: false, exitCode: 3, stderr: "boom" });
    expect(describeFailure(r)).toMatch(/exit 3\): boom/);
  });
  it("reports a timeout", async () => {
    const r = await runCommand([process.execPath, "-e", "setTimeout(() => {}, 60000)"], { timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, timedOut: true });
  });
  it("reports a missing program", async () => {
    const r = await runCommand(["/nonexistent/program"]);
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/ENOENT/);
  });
});

describe("parsers", () => {
  it("reads the MTU from ip -j link", () => {
    expect(parseLinkMtu('[{"ifname":"eth0","mtu":1400}]')).toBe(1400);
    expect(parseLinkMtu("[]")).toBeNull();
  });
  it("reads MTU changes from ip -o monitor link, for this interface only", () => {
    expect(parseMonitorLine("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1337 qdisc noqueue state UP", "eth0")).toBe(1337);
    expect(parseMonitorLine("2: eth0@if3: <BROADCAST> mtu 1400 qdisc noqueue", "eth0")).toBe(1400);
    expect(parseMonitorLine("3: eth1: <BROADCAST> mtu 1400 qdisc noqueue", "eth0")).toBeNull();
    expect(parseMonitorLine("Deleted 2: eth0: <BROADCAST> mtu 1400", "eth0")).toBeNull();
  });
  it("builds curl arguments with a timeout and the trust option, no shell", () => {
    expect(curlArgs({ url: "https://x/", caFile: "/ca.pem", timeoutMs: 5000 })).toEqual(expect.arrayContaining(["--max-time", "5.0", "--cacert", "/ca.pem", "--", "https://x/"]));
    expect(curlArgs({ url: "https://x/", insecure: true, timeoutMs: 5000 })).toContain("--insecure");
  });
  it("sends curl through the probe's proxy, or through none (curl must not read https_proxy on its own)", () => {
    const args = curlArgs({ url: "https://x/", timeoutMs: 5000, proxy: { host: "198.19.0.3", port: 3128, source: "verify.proxy" } });
    expect(args.slice(args.indexOf("--proxy"), args.indexOf("--proxy") + 2)).toEqual(["--proxy", "http://198.19.0.3:3128"]);
    const direct = curlArgs({ url: "https://x/", timeoutMs: 5000 });
    expect(direct.slice(direct.indexOf("--noproxy"), direct.indexOf("--noproxy") + 2)).toEqual(["--noproxy", "*"]);
    expect(direct).not.toContain("--proxy");
  });
  it("words a verification the proxy turned away as the probe does", () => {
    const p = { host: "198.19.0.3", port: 3129, source: "verify.proxy" };
    expect(proxyReason(p, 407, 56, "curl: (56) CONNECT tunnel failed, response 407")).toBe("proxy 198.19.0.3:3129 answered 407 Proxy Authentication Required");
    expect(proxyReason(p, 0, 7, "curl: (7) Failed to connect")).toBe("cannot connect to proxy 198.19.0.3:3129: curl: (7) Failed to connect");
    expect(proxyReason(p, 200, 28, "curl: (28) Operation timed out")).toBe("curl: (28) Operation timed out");
  });
});
