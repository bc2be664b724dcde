import { describe, expect, it } from "vitest";
import { chooseProxy } from "../../src/proxy/chooseProxy.js";
import { noProxyExcludes } from "../../src/proxy/noProxy.js";
import { parseProxyUrl } from "../../src/proxy/proxyUrl.js";

describe("no_proxy", () => {
  it.each([
    ["*", "git.corp.example", 443, true],
    ["corp.example", "corp.example", 443, true],
    ["corp.example", "git.corp.example", 443, true],
    [".corp.example", "git.corp.example", 443, true],
    [".corp.example", "corp.example", 443, true],
    ["*.corp.example", "git.corp.example", 443, true],
    ["CORP.Example.", "Git.corp.example", 443, true],
    ["corp.example", "notcorp.example", 443, false],
    ["corp.example", "corp.example.evil", 443, false],
    ["localhost, 10.0.0.0/8 ,, corp.example:8443", "corp.example", 443, false],
    ["corp.example:8443", "corp.example", 8443, true],
    ["198.19.0.2", "198.19.0.2", 443, true],
    ["198.19.0.0/24", "198.19.0.2", 443, true],
    ["198.19.1.0/24", "198.19.0.2", 443, false],
    ["198.19.0.0/24", "corp.example", 443, false], // names are not resolved to match a block
    ["198.19.0.0/99", "198.19.0.2", 443, false],
    ["", "corp.example", 443, false],
    [".", "corp.example", 443, false],
  ])("%j excludes %s:%i → %s", (value, host, port, excluded) => {
    expect(noProxyExcludes(value, host, port)).toBe(excluded);
  });
});

describe("proxy URLs", () => {
  it.each([
    ["http://proxy.corp.example:3128", { host: "proxy.corp.example", port: 3128 }],
    ["http://198.19.0.3:3128/", { host: "198.19.0.3", port: 3128 }],
    ["HTTP://198.19.0.3:8080", { host: "198.19.0.3", port: 8080 }],
  ])("%s is a proxy", (raw, expected) => {
    expect(parseProxyUrl(raw, "verify.proxy")).toEqual({ ...expected, source: "verify.proxy" });
  });

  it.each([
    ["http://proxy.corp.example", /explicit port/],
    ["https://proxy.corp.example:443", /expected an http:\/\/ proxy .*https:\/\/ proxies are not supported/],
    ["socks5://proxy:1080", /socks5:\/\/ proxies are not supported/],
    ["http://proxy:0", /port from 1 to 65535/],
    ["http://proxy:70000", /port from 1 to 65535/],
    ["http://[::1]:3128", /IPv6/],
    ["http://proxy:3128/path", /no path, query or fragment/],
    ["http://pro xy:3128", /IPv4 address or a host name/],
    ["http://1.2.3:3128", /IPv4 address or a host name/],
    ["proxy:3128", /expected "http:\/\/host:port"/],
  ])("%s is refused: %s", (raw, problem) => {
    const r = parseProxyUrl(raw, "verify.proxy");
    expect("problem" in r && r.problem).toMatch(problem);
  });

  it("never repeats credentials in its message", () => {
    const r = parseProxyUrl("http://alice:s3cret@proxy:3128", "verify.proxy");
    expect("problem" in r && r.problem).toMatch(/credentials are not supported/);
    expect(JSON.stringify(r)).not.toContain("s3cret");
  });
});

describe("which proxy a probe uses", () => {
  const url = "https://git.corp.example/";
  it("the explicit one, whatever the environment says", () => {
    expect(chooseProxy(url, { raw: "http://198.19.0.3:3128", source: "verify.proxy" }, { https_proxy: "http://other:1", no_proxy: "*" })).toEqual({ proxy: { host: "198.19.0.3", port: 3128, source: "verify.proxy" } });
  });
  it("https_proxy before HTTPS_PROXY; a bare host:port is http", () => {
    expect(chooseProxy(url, null, { https_proxy: "p1:3128", HTTPS_PROXY: "http://p2:3128" })).toEqual({ proxy: { host: "p1", port: 3128, source: "https_proxy" } });
    expect(chooseProxy(url, null, { https_proxy: " ", HTTPS_PROXY: "http://p2:3128" })).toEqual({ proxy: { host: "p2", port: 3128, source: "HTTPS_PROXY" } });
  });
  it("none without the variables (http_proxy and all_proxy are not read)", () => {
    expect(chooseProxy(url, null, { http_proxy: "http://p:1", all_proxy: "http://p:2" })).toEqual({ proxy: null });
  });
  it("none when no_proxy (or NO_PROXY) excludes the host, with a note saying so", () => {
    expect(chooseProxy(url, null, { https_proxy: "http://p:3128", no_proxy: ".corp.example" })).toEqual({ proxy: null, note: "https_proxy not used: no_proxy excludes git.corp.example" });
    expect(chooseProxy(url, null, { https_proxy: "http://p:3128", NO_PROXY: "*" })).toMatchObject({ proxy: null });
  });
  it("a malformed variable is an error naming it", () => {
    expect(chooseProxy(url, null, { HTTPS_PROXY: "http://p" })).toEqual({ error: 'HTTPS_PROXY: expected "http://host:port" with an explicit port, got "http://p"' });
  });
});
