import { describe, expect, it } from "vitest";
import { cliInLab, leftovers, useLab } from "../support/lab.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("the sequential probe never takes over a route it did not create", () => {
  const l = useLab({ linkMtu: 1400, tcpLimit: 1337 });
  const hostRoutes = async (): Promise<string> => (await l().exec("wsl", ["ip", "-j", "-4", "route", "show", "table", "main", "exact", `${l().addresses.server}/32`])).stdout;

  it("a user's /32 to the target: the probe says why it cannot run, and the route stays byte for byte", async () => {
    const add = await l().exec("wsl", ["ip", "route", "add", `${l().addresses.server}/32`, "via", l().addresses.routerWsl, "dev", "eth0", "proto", "static"]);
    expect(add.ok, add.stderr).toBe(true);
    try {
      const before = await hostRoutes();
      expect(JSON.parse(before)).toHaveLength(1);
      const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json", "--method", "sequential"]);
      expect(r.exitCode).not.toBe(0);
      expect(r.json.reason ?? r.stderr).toMatch(/already has a route for 198\.19\.0\.2\/32 that is not the probe's/);
      expect(await hostRoutes()).toBe(before);
      expect(await leftovers(l())).toEqual([]);
    } finally {
      await l().exec("wsl", ["ip", "route", "del", `${l().addresses.server}/32`, "proto", "static"]);
    }
  });

  it("without it, the sequential probe still finds the exact MTU and leaves nothing", async () => {
    const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json", "--method", "sequential"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.mtu).toBe(1337);
    expect(await hostRoutes()).toBe("[]");
  });
});
