import { execa } from "execa";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliPath, runCliProcess } from "../support/cli.js";
import { isRoot } from "../support/root.js";
import { useTmpDir } from "../support/tmp.js";
import { serveStatus } from "../../src/status/server.js";
import { fakeStatusServer } from "../status/fakeStatusServer.js";

const tmp = useTmpDir();

describe("wsl-vpn-agent probe", () => {
  it.each([
    [["--url", "https://[::1]/"], /--url: \[::1\] is an IPv6 literal/],
    [["--url", "https://198.51.100.1/", "--ca-file", "/"], /--ca-file: \/ is a directory/],
  ])("%j: exit 64, one line", async (args, message) => {
    const r = await runCliProcess(["probe", ...args]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.code).toBe(64);
  });

  // Without root or CAP_NET_ADMIN it stops before probing (as root: run as nobody, which drops both).
  it("without root or CAP_NET_ADMIN: exit 77 before probing", async () => {
    const r = await execa(process.execPath, [cliPath, "probe", "--url", "https://127.0.0.1:9/"], { reject: false, timeout: 30_000, ...(isRoot ? { uid: 65534, gid: 65534 } : {}) });
    expect(String(r.stderr)).toBe("wsl-vpn-agent: probe needs root or CAP_NET_ADMIN (it installs temporary policy routes): run it with sudo");
    expect(r.exitCode).toBe(77);
  });

  it.skipIf(!isRoot)("--apply while an agent answers on the config's status socket: exit 75, nothing probed", async () => {
    const dir = await tmp();
    const socket = join(dir, "status.sock");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ status: { socket }, state: { dir: join(dir, "state") } }));
    const agent = await serveStatus(socket, () => ({ state: "Applied.steady" }));
    try {
      const r = await runCliProcess(["probe", "--url", "https://127.0.0.1:9/", "--apply", "-c", config]);
      expect(r.stderr).toBe(`wsl-vpn-agent: an agent is running (it answers on ${socket}) and manages the MTU: stop it first, or probe without --apply`);
      expect(r.code).toBe(75);
    } finally {
      await agent.close();
    }
  });

  // A hung agent (SIGSTOPped, say) accepts the connection and never answers: it still owns the interface.
  it.skipIf(!isRoot)("--apply while a hung agent holds the status socket: exit 75 too", async () => {
    const dir = await tmp();
    const socket = join(dir, "status.sock");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ status: { socket }, state: { dir: join(dir, "state") } }));
    const hung = await fakeStatusServer(socket, () => undefined);
    try {
      const r = await runCliProcess(["probe", "--url", "https://127.0.0.1:9/", "--apply", "-c", config]);
      expect(r.stderr).toMatch(/^wsl-vpn-agent: an agent is running/);
      expect(r.code).toBe(75);
    } finally {
      await hung.close();
    }
  });

  // The host is resolved before any route is touched, so this is safe next to other tests.
  it.skipIf(!isRoot)("an unresolvable host: exit 69 (as a refused connection), with the reason", async () => {
    const r = await runCliProcess(["probe", "--url", "https://nohost.invalid/"]);
    expect(r.stderr).toMatch(/^wsl-vpn-agent: probe failed: cannot resolve https:\/\/nohost\.invalid\/: /);
    expect(r.code).toBe(69);
  });
});
