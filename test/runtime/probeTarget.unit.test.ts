import { firstValueFrom, from, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import type { VpnInfo } from "../../machines/index.js";
import { createLogger } from "../../src/log/index.js";
import { withProbeTarget } from "../../src/runtime/probeTarget.js";
import type { NetworkSettledEvent } from "../../src/sources/settledNetwork.js";
import { splitA, vpnA } from "../support/input.js";

const settled = (vpn: VpnInfo | null): NetworkSettledEvent => ({ type: "network.settled", vpn });
const addresses: Record<string, string> = { "https://corp.example/": "198.19.0.2", "https://www.example/": "198.19.128.2" };
const resolve = (url: string): Promise<string> => (url in addresses ? Promise.resolve(addresses[url] as string) : Promise.reject(new Error("ENOTFOUND")));

async function run(events: NetworkSettledEvent[], profiles = [{ match: "anyconnect", url: "https://corp.example/" }], verifyUrl = "https://www.example/"): Promise<NetworkSettledEvent[]> {
  const log = createLogger({ level: "silent" });
  return firstValueFrom(withProbeTarget(from(events), { profiles, verifyUrl, log, resolve }).pipe(toArray()));
}

describe("withProbeTarget", () => {
  it("adds the address of the matching profile's URL to a split tunnel, in order", async () => {
    const out = await run([settled(null), settled(splitA), settled(vpnA)]);
    expect(out).toEqual([settled(null), { ...settled(splitA), probeTarget: { url: "https://corp.example/", address: "198.19.0.2" } }, settled(vpnA)]);
  });

  it("uses verify.url when no profile names a URL", async () => {
    const [e] = await run([settled(splitA)], []);
    expect(e?.probeTarget).toEqual({ url: "https://www.example/", address: "198.19.128.2" });
  });

  it("adds nothing when the name does not resolve (the probe then says why)", async () => {
    const [e] = await run([settled(splitA)], [], "https://nowhere.example/");
    expect(e).toEqual(settled(splitA));
  });
});
