import { fileURLToPath } from "node:url";
import { firstValueFrom, take, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { watchMtu } from "../../src/effects/watchMtu.js";
import { createLab } from "../../src/lab/createLab.js";
import { skipE2e } from "../support/root.js";
import { cliInLab, hangingProbe, leftovers, ownStateArgs, spawnCliInLab, useLab, waitForLinkMonitor, waitForRules, wslMtu } from "../support/lab.js";
import { useTmpDir } from "../support/tmp.js";
import { pollUntil } from "../support/pollUntil.js";

const tmp = useTmpDir();

/** Resolves once `check` holds; the watcher delivers on its own schedule, so poll briefly. */
async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  await pollUntil(check, (ok) => ok, { timeoutMs, intervalMs: 10, failure: () => `not within ${timeoutMs} ms` });
}

describe.skipIf(skipE2e)("probing is safe", () => {
  const l = useLab({ linkMtu: 1400, tcpLimit: 1337 });

  it("never changes the interface MTU while probing (every link change is watched)", async () => {
    const seen: number[] = [];
    const watching = watchMtu("eth0", { netns: l().ns.wsl }).subscribe((mtu) => seen.push(mtu));
    try {
      await waitForLinkMonitor(l());
      const probing = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json"]);
      expect(probing.json.mtu).toBe(1337);
      // Link events arrive in order: a change set by the test after the probe marks the end of what it could have done.
      await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1499"]);
      await until(() => seen.includes(1499));
      expect(seen).toEqual([1500, 1499]);
    } finally {
      watching.unsubscribe();
      await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1500"]);
    }
  });

  it("watchMtu sees the current MTU, then changes made by someone else", async () => {
    const seen = firstValueFrom(watchMtu("eth0", { netns: l().ns.wsl }).pipe(take(3), toArray()));
    await waitForLinkMonitor(l());
    await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1400"]);
    await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1400"]); // no change: deduplicated
    await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1500"]);
    expect(await seen).toEqual([1500, 1400, 1500]);
  });

  it("falls back to sequential probing on one route and still finds the exact MTU", async () => {
    const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json", "--method", "sequential"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.mtu).toBe(1337);
    expect(r.json.evidence?.method).toBe("sequential");
    expect(await leftovers(l())).toEqual([]);
  });

  it("falls back by itself, and says so, where policy rules by port are unavailable (kernels before 4.17)", async () => {
    // The fixture `ip` refuses `rule add ... ipproto/sport` as such a kernel does, and runs everything else.
    const noRules = fileURLToPath(new URL("../fixtures/ip-without-rules", import.meta.url));
    const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json"], { PATH: `${noRules}:${process.env.PATH ?? ""}` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.mtu).toBe(1337);
    expect(r.json.evidence?.method).toBe("sequential");
    expect((r.json.evidence?.notes ?? []).join("\n")).toMatch(/policy routing unavailable \(.*"ipproto" is wrong.*\): falling back to sequential probing/);
    expect(await leftovers(l())).toEqual([]);
  });

  it("says so when ping cannot run (not an ICMP black hole), and still finds the MTU over TLS", async () => {
    const noCaps = fileURLToPath(new URL("../fixtures/ping-without-caps", import.meta.url));
    const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json"], { PATH: `${noCaps}:${process.env.PATH ?? ""}` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.mtu).toBe(1337);
    expect(r.json.evidence?.icmp).toBeNull();
    expect(r.stderr).toMatch(/^warning: ICMP probe cannot run \(`ping .*` failed \(exit 2\): ping: cap_set_proc: Operation not permitted\): TLS probes only$/m);
    expect(r.json.evidence?.notes).toContainEqual(expect.stringMatching(/^ICMP probe cannot run/));
  });

  it("removes a route an older version left under proto 186 (bgp) only when it is provably its own", async () => {
    const { server, routerWsl } = l().addresses;
    const routes = async (): Promise<string> => (await l().exec("wsl", ["ip", "-N", "route", "show", "table", "main", "proto", "186"])).stdout;
    const plant = async (argv: string[]): Promise<void> => {
      const r = await l().exec("wsl", ["ip", "route", "add", ...argv, "proto", "186"]);
      if (!r.ok) throw new Error(`${argv.join(" ")}: ${r.stderr}`);
    };
    // What the old sequential fallback made (a /32 to the target with an MTU), and what a BGP daemon might hold.
    await plant([`${server}/32`, "via", routerWsl, "dev", "eth0", "mtu", "1290"]);
    await plant(["198.19.0.77/32", "via", routerWsl, "dev", "eth0"]);
    await plant(["198.19.0.78/32", "via", routerWsl, "dev", "eth0", "mtu", "1290"]);
    try {
      const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.json.mtu).toBe(1337);
      const left = await routes();
      expect(left).not.toContain(`${server} `);
      expect(left).toContain("198.19.0.77 ");
      expect(left).toContain("198.19.0.78 ");
    } finally {
      for (const dst of ["198.19.0.77/32", "198.19.0.78/32", `${server}/32`]) await l().exec("wsl", ["ip", "route", "del", dst, "proto", "186"]);
    }
  });

  it("--apply with a verification that fails (server gone after the probe) rolls back", async () => {
    const gone = await createLab({ linkMtu: 1400, quitOnUserAgent: "curl/" });
    try {
      const r = await cliInLab(gone, ["probe", "--url", gone.url, "--ca-file", gone.caFile, "--timeout-ms", "1000", "--json", "--apply", ...(await ownStateArgs(await tmp()))]);
      expect(r.exitCode).toBe(1);
      expect(r.json.mtu).toBe(1400);
      expect(r.json.apply).toMatchObject({ ok: false, stage: "verify", previous: 1500, mtu: 1400, rolledBack: true });
      expect(await wslMtu(gone)).toBe(1500);
      expect(await leftovers(gone)).toEqual([]);
    } finally {
      await gone.destroy();
    }
  });

  it("--apply with a passing verification keeps the MTU", async () => {
    const r = await cliInLab(l(), ["probe", "--url", l().url, "--ca-file", l().caFile, "--timeout-ms", "1000", "--json", "--apply", ...(await ownStateArgs(await tmp()))]);
    try {
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.json.apply).toMatchObject({ ok: true, previous: 1500, mtu: 1337 });
      expect(await wslMtu(l())).toBe(1337);
    } finally {
      await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1500"]);
    }
  });

  it("leaves nothing after a failure (nothing passes: every probe times out)", async () => {
    const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "500", "--min", "1400", "--json"]);
    expect(r.exitCode).toBe(1);
    expect(r.json).toMatchObject({ ok: false, mtu: null });
    expect(await leftovers(l())).toEqual([]);
  });

  it("reports an unreachable target clearly, non-zero, and leaves nothing", async () => {
    const r = await cliInLab(l(), ["probe", "--url", "https://198.19.0.2:4443/", "--insecure", "--timeout-ms", "500"]);
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toMatch(/target unreachable: cannot connect to 198\.19\.0\.2:4443: ECONNREFUSED/);
    expect(await leftovers(l())).toEqual([]);
  });

  it("removes its rules on SIGTERM", async () => {
    const child = spawnCliInLab(l(), hangingProbe(l()));
    await waitForRules(l());
    child.kill("SIGTERM");
    const r = await child;
    expect(r.exitCode).toBe(143);
    expect(await leftovers(l())).toEqual([]);
  });

  it("after SIGKILL, the next start removes the stale rules", async () => {
    const child = spawnCliInLab(l(), hangingProbe(l()));
    await waitForRules(l());
    child.kill("SIGKILL");
    await child;
    expect((await leftovers(l())).length).toBeGreaterThan(0);
    const next = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json"]);
    expect(next.json.mtu).toBe(1337);
    expect(await leftovers(l())).toEqual([]);
  });
});
