import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderUnit } from "../../src/install/index.js";

const shipped = await readFile(new URL("../../systemd/wsl-vpn-agent.service", import.meta.url), "utf8");
const analyze = await execa("systemd-analyze", ["--version"], { reject: false });
const haveAnalyze = !analyze.failed;
if (!haveAnalyze) console.warn("skipping systemd-analyze checks: systemd-analyze is not installed (apt-get install systemd)");

/** `Key=value` lines of the unit, by key (a key may repeat). */
function directives(unit: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of unit.split("\n")) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m?.[1] !== undefined) out.set(m[1], [...(out.get(m[1]) ?? []), m[2] ?? ""]);
  }
  return out;
}

describe("systemd/wsl-vpn-agent.service", () => {
  const d = directives(shipped);
  it.each([
    ["Type", "notify"],
    ["NotifyAccess", "all"],
    ["Restart", "on-failure"],
    ["StateDirectory", "wsl-vpn-agent"],
    ["RuntimeDirectory", "wsl-vpn-agent"],
    ["CapabilityBoundingSet", "CAP_NET_ADMIN CAP_NET_RAW"],
    ["AmbientCapabilities", "CAP_NET_ADMIN CAP_NET_RAW"],
    ["NoNewPrivileges", "yes"],
    ["ProtectSystem", "strict"],
    ["RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_VSOCK"],
    ["ExecStart", "/usr/bin/wsl-vpn-agent run"],
  ])("sets %s=%s", (key, value) => {
    expect(d.get(key)).toEqual([value]);
  });

  it("has a watchdog and leaves V8's JIT alone (no MemoryDenyWriteExecute)", () => {
    expect(d.get("WatchdogSec")?.[0]).toMatch(/^\d+s$/);
    expect(d.has("MemoryDenyWriteExecute")).toBe(false);
  });
});

describe.skipIf(!haveAnalyze)("systemd-analyze", () => {
  let dir = "";
  let unitPath = "";
  beforeAll(async () => {
    // The unit as install writes it run by node: ExecStart must name a program that exists for verify.
    dir = await mkdtemp(join(tmpdir(), "wva-unit-"));
    unitPath = join(dir, "wsl-vpn-agent.service");
    await writeFile(unitPath, renderUnit(shipped, [process.execPath, "/usr/lib/wsl-vpn-agent/cli.js"]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("verify is clean", async () => {
    const r = await execa("systemd-analyze", ["verify", "--man=no", unitPath], { reject: false });
    const ours = r.stderr.split("\n").filter((l) => l.includes("wsl-vpn-agent"));
    expect({ exitCode: r.exitCode, ours }).toEqual({ exitCode: 0, ours: [] });
  });

  it("security exposure is at most 4.0", async () => {
    const r = await execa("systemd-analyze", ["security", "--offline=true", "--threshold=40", "--no-pager", unitPath], { reject: false, env: { SYSTEMD_COLORS: "0" } });
    const m = /Overall exposure level for wsl-vpn-agent\.service: (\d+\.\d)/.exec(r.stdout);
    expect(m, r.stdout + r.stderr).not.toBeNull();
    expect(Number(m?.[1])).toBeLessThanOrEqual(4.0);
    expect(r.exitCode).toBe(0);
  });
});

describe("renderUnit", () => {
  it("puts the given program in ExecStart, quoting and escaping each word for systemd", () => {
    expect(renderUnit(shipped, ["/usr/bin/wsl-vpn-agent"])).toBe(shipped);
    expect(renderUnit(shipped, ["/home/me/.nvm/versions/node/v24/bin/node", "/usr/lib/wsl-vpn-agent/cli.js"])).toContain("\nExecStart=/home/me/.nvm/versions/node/v24/bin/node /usr/lib/wsl-vpn-agent/cli.js run\n");
    expect(renderUnit(shipped, ["/opt/my node/100%/node", "/usr/lib/wsl-vpn-agent/cli.js"])).toContain('\nExecStart="/opt/my node/100%%/node" /usr/lib/wsl-vpn-agent/cli.js run\n');
  });
});
