import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseProbeFlags } from "../../src/cli/commands/probe.js";
import { httpsUrlProblem } from "../../src/config/httpsUrl.js";
import { validateConfig } from "../../src/config/index.js";
import { chooseProxy } from "../../src/proxy/chooseProxy.js";
import { parseProxyUrl } from "../../src/proxy/proxyUrl.js";
import { fcParams } from "../support/fcParams.js";

/**
 * A password: a core no message could contain by chance ("PW" and letters and digits), wrapped in
 * characters people put in passwords, some of which end a URL's parts early (`/`, `?`, `#`, `@`).
 */
const password = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{10,24}$/), fc.stringMatching(/^[!$&'()*+,;=%~._:/?#@"\\-]{0,3}$/), fc.stringMatching(/^[!$&'()*+,;=%~._:/?#@"\\-]{0,3}$/))
  .map(([core, pre, post]) => ({ core: `PW${core}`, text: `${pre}PW${core}${post}` }));
const user = fc.constantFrom("", "user", "DOMAIN\\jane", "a.b-c");
const host = fc.constantFrom("proxy.corp", "198.18.0.3", "[::1]", "h", "-bad-", "é.example");
const port = fc.constantFrom(":3128", ":1080", "", ":0", ":99999", ":x");
const scheme = fc.constantFrom("http://", "https://", "socks5://", "HTTP://", "", "ftp://");
const tail = fc.constantFrom("", "/", "/x", "/path?q=1", "?a=b", "#frag", "/" + "y".repeat(2100));
/** Every form a proxy or target URL with credentials takes: any scheme or none, a path, a bad port, too long. */
const urlWithSecret = fc.record({ password, user, host, port, scheme, tail }).map((p) => ({
  core: p.password.core,
  url: `${p.scheme}${p.user}${p.user === "" ? "" : ":"}${p.password.text}@${p.host}${p.port}${p.tail}`,
}));

/** Everything each edge makes of `url`: results, problems and thrown messages, as text. */
function outputs(url: string): string[] {
  const out: unknown[] = [
    parseProxyUrl(url, "verify.proxy"),
    parseProxyUrl(url, "https_proxy", true),
    chooseProxy("https://198.18.0.2/", null, { https_proxy: url }),
    chooseProxy("https://198.18.0.2/", null, { HTTPS_PROXY: url }),
    chooseProxy("https://198.18.0.2/", { raw: url, source: "--proxy" }, {}),
    httpsUrlProblem(url),
    validateConfig({ verify: { proxy: url } }),
    validateConfig({ verify: { url } }),
    validateConfig({ profiles: [{ match: "x", url }] }),
  ];
  for (const flags of [{ url }, { url: "https://198.18.0.2/", proxy: url }]) {
    try {
      out.push(parseProbeFlags(flags));
    } catch (error) {
      out.push((error as Error).message);
    }
  }
  return out.map((o) => JSON.stringify(o) ?? "");
}

describe("secrets in URLs", () => {
  test.prop([urlWithSecret], fcParams(400))("no password given in a URL appears in anything made of it, whatever else is wrong with the URL", ({ core, url }) => {
    for (const text of outputs(url)) expect(text).not.toContain(core);
  });
});
