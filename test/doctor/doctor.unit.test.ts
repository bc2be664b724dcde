import { describe, expect, it } from "vitest";
import { allGood, runDoctor, type CheckResult } from "../../src/doctor/index.js";
import { envFor, healthyWsl, useTrees, POWERSHELL } from "./tree.js";

const makeTree = useTrees();

const byId = (results: readonly CheckResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));

describe("doctor on fixture trees", () => {
  it("passes every check on a healthy WSL 2 machine", async () => {
    const results = await runDoctor(envFor(await makeTree(healthyWsl)));
    expect(results.filter((r) => r.status !== "ok").map((r) => `${r.id}: ${r.detail}`)).toEqual(["powershell: skipped: windows.watchCommand replaces PowerShell"]);
    expect(allGood(results)).toBe(true);
    expect(byId(results).wsl?.detail).toBe("WSL 2 (5.15.167.4-microsoft-standard-WSL2)");
    expect(byId(results).networking?.detail).toMatch(/^NAT \(no wslinfo answer .*; no loopback0; eth0 driver hv_netvsc; default route via 172\.22\.16\.1 dev eth0\)/);
    expect(byId(results).interop?.detail).toBe('2 adapters, VPN "wg0; $(reboot)" up, MTU 1420');
  });

  it("checks the PowerShell path when no watchCommand is set, and reports mirrored networking", async () => {
    const root = await makeTree({ ...healthyWsl, "/sys/class/net/loopback0/mtu": "1500\n" });
    const results = byId(await runDoctor(envFor(root, null)));
    expect(results.powershell).toMatchObject({ status: "ok", detail: POWERSHELL });
    expect(results.networking?.detail).toMatch(/^mirrored \(.*loopback0 present/);
  });

  it("explains every failure on a broken WSL 2 machine, each with its fix", async () => {
    const { "/proc/sys/fs/binfmt_misc/WSLInterop": _b, [POWERSHELL]: _p, "/usr/sbin/ip": _i, ...rest } = healthyWsl;
    const root = await makeTree({
      ...rest,
      "/etc/wsl.conf": "[boot]\nsystemd=false\n",
      "/proc/self/status": "CapEff:\t0000000000001000\n",
      "/etc/systemd/system/wsl-vpn-agent.service": "[Service]\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK\n",
    });
    const results = await runDoctor({ ...envFor(root, null) });
    const failed = byId(results.filter((r) => r.status === "fail"));
    expect(Object.keys(failed).sort()).toEqual(["binfmt", "capabilities", "interop", "powershell", "systemd", "tools", "vsock"]);
    for (const r of Object.values(failed)) expect(r.fix, r.id).toBeTruthy();
    expect(failed.binfmt?.fix).toContain("echo ':WSLInterop:M::MZ::/init:PF' | sudo tee /etc/binfmt.d/WSLInterop.conf");
    expect(failed.vsock?.detail).toMatch(/lacks AF_VSOCK/);
    expect(failed.tools).toMatchObject({ detail: "not found in /usr/sbin:/usr/bin: ip", fix: "sudo apt-get install iproute2" });
    expect(failed.capabilities?.detail).toBe("missing CAP_NET_RAW (CapEff 0000000000001000)");
    expect(failed.systemd).toMatchObject({ detail: "[boot] systemd=false" });
    expect(failed.systemd?.fix).toContain("[boot]\nsystemd=true");
    expect(failed.interop?.detail).toMatch(/could not start \(ENOENT\)/); // PowerShell is missing from the tree
    expect(allGood(results)).toBe(false);
  });

  it("reports a disabled WSLInterop entry with the command that enables it", async () => {
    const root = await makeTree({ ...healthyWsl, "/proc/sys/fs/binfmt_misc/WSLInterop": "disabled\ninterpreter /init\n" });
    expect(byId(await runDoctor(envFor(root))).binfmt).toMatchObject({ status: "fail", fix: "echo 1 | sudo tee /proc/sys/fs/binfmt_misc/WSLInterop" });
  });

  it("fails interop when the watcher exits without a snapshot; a snapshot before a crash is enough", async () => {
    const crash = new URL("../fixtures/watchers/crash.mjs", import.meta.url).pathname;
    const root = await makeTree(healthyWsl);
    const interop = byId(await runDoctor(envFor(root, [process.execPath, "-e", "console.log('nope'); process.exit(2)"]))).interop;
    expect(interop).toMatchObject({ status: "fail", detail: expect.stringMatching(/exited \(exit code 2\)/) });
    expect(byId(await runDoctor(envFor(root, [process.execPath, crash]))).interop?.status).toBe("ok");
  });

  it("says clearly that it is not inside WSL, skipping the WSL-only checks", async () => {
    const root = await makeTree({ "/proc/sys/kernel/osrelease": "6.18.44-generic\n" });
    const results = byId(await runDoctor(envFor(root, null)));
    expect(results.wsl).toMatchObject({ status: "fail", detail: 'not running inside WSL (kernel release "6.18.44-generic" does not mention Microsoft)' });
    for (const id of ["binfmt", "powershell", "systemd", "interop"]) expect(results[id]).toMatchObject({ status: "skip", detail: "skipped: not running inside WSL" });
  });

  it("does not crash on an empty tree", async () => {
    const results = await runDoctor(envFor(await makeTree({}), null));
    expect(byId(results).wsl?.detail).toMatch(/kernel release "unknown"/);
    expect(byId(results).capabilities?.status).toBe("fail");
    expect(allGood(results)).toBe(false);
  });

  it("recognises WSL 1 and tells how to convert", async () => {
    const root = await makeTree({ "/proc/sys/kernel/osrelease": "4.4.0-19041-Microsoft\n" });
    expect(byId(await runDoctor(envFor(root, null))).wsl).toMatchObject({ status: "fail", fix: expect.stringMatching(/--set-version/) });
  });
});
