import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyConnect } from "../support/agentLab.js";
import { skipNspawn } from "../support/nspawn.js";
import { buildPackages, EVERYTHING, PKG, ServiceLab, UNIT } from "../support/serviceLab.js";

// The tarball for distributions without dpkg, in a root with no Node under a real systemd: extract
// it, `sudo ./wsl-vpn-agent install` as its README says, then the same checks as for the .deb.
describe.skipIf(skipNspawn)("the tarball under real systemd (nspawn), in a root without Node", () => {
  const name = `wvatb${process.pid.toString(36)}`;
  let dir = "";
  let tarball = "";
  let s: ServiceLab;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wva-tarball-"));
    const [built] = await buildPackages(["--out", dir, "tarball-x64"]);
    tarball = basename(built ?? "");
    s = await ServiceLab.start(name, dir);
  }, 900_000);
  afterAll(async () => {
    await s?.destroy();
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("extracted and installed by the executable itself: the .deb's layout, enabled, started, READY", async () => {
    expect((await s.c.exec(["sh", "-c", "command -v node nodejs"])).exitCode).not.toBe(0);
    await s.c.run(["tar", "-xzf", `${PKG}/${tarball}`, "-C", "/root"]);
    const top = `/root/${tarball.replace(/\.tar\.gz$/, "")}`;
    expect((await s.c.run(["ls", top])).split("\n").filter((l) => l !== "")).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "docs", "wsl-vpn-agent"]);
    const out = await s.c.run([`${top}/wsl-vpn-agent`, "install"], { timeoutMs: 120_000 });
    expect(out).toMatch(/^enabled and started wsl-vpn-agent\.service$/m);
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^installed wsl-vpn-agent \S+ in \/$/);
    expect(await s.c.run(["cmp", `${top}/wsl-vpn-agent`, "/usr/bin/wsl-vpn-agent"])).toBe("");
    // systemd names it by /lib on a merged-/usr root (/lib is a link to usr/lib).
    expect(await s.show("ActiveState", "SubState", "UnitFileState", "FragmentPath")).toEqual({ ActiveState: "active", SubState: "running", UnitFileState: "enabled", FragmentPath: expect.stringMatching(new RegExp(`^(/usr)?/lib/systemd/system/${UNIT}\\.service$`)) });
    expect(await s.show("ExecStart")).toMatchObject({ ExecStart: expect.stringContaining("argv[]=/usr/bin/wsl-vpn-agent run ;") });
    expect((await s.status())?.watcher.snapshots).toBeGreaterThanOrEqual(1);
  });

  it("with the user's config: the lab VPN gets the exact MTU; status and doctor work", async () => {
    await s.writeLabConfig();
    await s.c.run(["systemctl", "restart", UNIT]);
    await s.windowsShows(anyConnect);
    await s.untilState(/^Applied/, (x) => x.appliedMtu === 1372);
    expect(await s.eth0Mtu()).toBe(1372);
    expect(await s.c.run(["wsl-vpn-agent", "status"])).toMatch(/^state\s+Applied\.steady$/m);
    const { checks } = await s.doctor();
    expect(checks.find((c) => c.id === "tools")).toMatchObject({ status: "ok" });
    expect(checks.find((c) => c.id === "vsock")).toMatchObject({ status: "ok" });
  });

  it("`uninstall --purge` stops it (the MTU restored) and leaves nothing", async () => {
    const out = await s.c.run(["wsl-vpn-agent", "uninstall", "--purge"]);
    expect(out).toMatch(/stopped and disabled wsl-vpn-agent\.service/);
    expect(await s.eth0Mtu()).toBe(1500);
    expect(await s.agentLeftovers()).toEqual([]);
    expect((await s.c.exec(["pgrep", "-x", "wsl-vpn-agent"])).stdout).toBe("");
    expect(await s.existing(EVERYTHING)).toEqual([]);
    expect(await s.show("LoadState")).toEqual({ LoadState: "not-found" });
  });

  it("teardown leaves no mount, process, cgroup or namespace behind", async () => {
    await s.destroy();
    expect(s.c.leftovers()).toEqual([]);
    expect((await readFile("/proc/self/mountinfo", "utf8")).includes(name)).toBe(false);
    expect(await s.netnsHolders()).toEqual([]);
  });
});
