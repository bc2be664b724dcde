import { execa } from "execa";
import { readdir, readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { JournalRecord } from "../../src/journal/record.js";
import { createLab, type Lab } from "../../src/lab/createLab.js";
import { snapshotLine } from "../../src/lab/simWindows.js";
import type { AgentStatus } from "../../src/status/contract.js";
import type { SimVpn } from "./agentLab.js";
import { leftovers } from "./lab.js";
import { Container, testRootfs } from "./nspawn.js";
import { pollUntil } from "./pollUntil.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
export const UNIT = "wsl-vpn-agent";
/** Where the packages are inside the container (a read-only bind of the host's directory). */
export const PKG = "/srv/pkg";
const WIN = "/srv/lab/win.json";
/** The path the agent's default config runs (windows.powershell): here a stand-in printing the lab's snapshots. */
const POWERSHELL = "/mnt/c/Windows/System32/WindowsPowerShell/v1.0/powershell.exe";

/**
 * Builds package steps (scripts/package/index.mjs) from the executable the e2e set-up packaged;
 * `--version V --out DIR` build another version elsewhere. Returns the paths the steps printed.
 */
export async function buildPackages(args: readonly string[]): Promise<string[]> {
  const r = await execa(process.execPath, ["scripts/package/index.mjs", ...args], { cwd: repo, reject: false, timeout: 900_000 });
  if (r.exitCode !== 0) throw new Error(`scripts/package/index.mjs ${args.join(" ")} failed (exit ${r.exitCode}):\n${r.stderr}`);
  return [...r.stdout.matchAll(/^[\w-]+: (\S+)$/gm)].map((m) => m[1] ?? "");
}

/**
 * A booted Debian root without Node, its network namespace the lab's WSL side, as a WSL user's
 * system would be before installing: the lab's simulated Windows answers at powershell.exe's path,
 * and the packages are in PKG. Helpers read the unit, the agent's status and the lab.
 */
export class ServiceLab {
  private constructor(
    readonly c: Container,
    readonly lab: Lab,
    readonly netnsInode: number,
  ) {}

  static async start(name: string, packages: string): Promise<ServiceLab> {
    const rootfs = process.env.WVA_TEST_ROOTFS ?? (await testRootfs());
    const c = await Container.boot({ name, rootfs, binds: [[packages, PKG]] });
    try {
      const netnsInode = (await stat(`/proc/${c.leader}/ns/net`)).ino;
      const lab = await createLab({ prefix: name, linkMtu: 1400, tcpLimit: 1372, wslNetnsOf: c.leader });
      const s = new ServiceLab(c, lab, netnsInode);
      await s.windowsShows(null);
      // Ignores powershell's arguments and script: prints the snapshot file, as the lab's watcher does.
      await c.writeFile(POWERSHELL, `#!/bin/sh\nexec /usr/bin/wsl-vpn-agent lab windows --file ${WIN}\n`, 0o755);
      // Only the watchdog's interval is shortened, so a hang is caught in seconds; the hardening is the shipped one.
      await c.writeFile(`/etc/systemd/system/${UNIT}.service.d/test-watchdog.conf`, "[Service]\nWatchdogSec=3s\n");
      return s;
    } catch (error) {
      await c.destroy();
      throw error;
    }
  }

  /** What the user edits after installing: the lab's server to verify against, shorter waits. */
  async writeLabConfig(): Promise<string> {
    await this.c.writeFile("/etc/wsl-vpn-agent/lab-ca.pem", await readFile(this.lab.caFile, "utf8"));
    const config = {
      $schema: "/usr/share/wsl-vpn-agent/config.schema.json",
      settle: { quietMs: 200, maxWaitMs: 1000 },
      verify: { url: this.lab.url, caFile: "/etc/wsl-vpn-agent/lab-ca.pem", timeoutMs: 3000 },
      probe: { timeoutMs: 2000 },
    };
    const text = `${JSON.stringify(config, null, 2)}\n`;
    await this.c.writeFile("/etc/wsl-vpn-agent/config.json", text);
    return text;
  }

  windowsShows(vpn: SimVpn | null): Promise<void> {
    return this.c.writeFile(WIN, `${snapshotLine(vpn)}\n`);
  }

  async show(...props: string[]): Promise<Record<string, string>> {
    const out = await this.c.run(["systemctl", "show", UNIT, ...props.map((p) => `--property=${p}`)]);
    return Object.fromEntries(out.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  }

  async status(): Promise<AgentStatus | null> {
    const r = await this.c.exec(["wsl-vpn-agent", "status", "--json"]);
    return r.ok ? (JSON.parse(r.stdout) as AgentStatus) : null;
  }

  /** Polls until `check` holds (a state reached, not a time waited); fails with the unit's log tail. */
  until<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
    return pollUntil(probe, check, {
      timeoutMs,
      intervalMs: 100,
      failure: async (v, why) => {
        const log = await this.c.exec(["journalctl", "-u", UNIT, "-n", "30", "--no-pager", "-o", "cat"]);
        return `waiting for ${what}: ${why}; last: ${JSON.stringify(v)?.slice(0, 600)}\n${log.stdout}`;
      },
    });
  }

  untilState(state: RegExp, and: (s: AgentStatus) => boolean = () => true): Promise<AgentStatus | null> {
    return this.until(`state ${String(state)}`, () => this.status(), (s) => s !== null && state.test(s.state) && and(s));
  }

  async eth0Mtu(): Promise<number> {
    return (JSON.parse((await this.lab.exec("wsl", ["ip", "-j", "link", "show", "dev", "eth0"])).stdout) as Array<{ mtu: number }>)[0]?.mtu ?? -1;
  }

  async journalRecords(): Promise<JournalRecord[]> {
    return (await this.c.run(["cat", "/var/lib/wsl-vpn-agent/journal.jsonl"])).split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as JournalRecord);
  }

  /** A probe's rules and routing tables in the WSL side, if any are left. */
  probeLeftovers(): Promise<string[]> {
    return leftovers(this.lab);
  }

  /** Everything of the agent's in the WSL side: a probe's rules and routes, and the MSS clamp's nftables table (there while an MTU is applied). */
  async agentLeftovers(): Promise<string[]> {
    const nft = await this.c.exec(["nft", "list", "table", "inet", "wsl_vpn_agent"]);
    return [...(await leftovers(this.lab)), ...(nft.ok ? ["nftables table inet wsl_vpn_agent"] : [])];
  }

  /** The paths of `paths` that exist in the container. */
  async existing(paths: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const p of paths) if ((await this.c.exec(["test", "-e", p])).exitCode === 0 || (await this.c.exec(["test", "-L", p])).exitCode === 0) out.push(p);
    return out;
  }

  /** `wsl-vpn-agent doctor` in the container: runs (exit 0 or 1, never a crash) and judges the service. */
  async doctor(): Promise<{ exitCode: number; checks: Array<{ id: string; status: string; detail: string }> }> {
    const r = await this.c.exec(["wsl-vpn-agent", "doctor", "--json"]);
    expect([0, 1], r.stderr).toContain(r.exitCode);
    return { exitCode: r.exitCode ?? -1, checks: (JSON.parse(r.stdout) as { checks: Array<{ id: string; status: string; detail: string }> }).checks };
  }

  async destroy(): Promise<void> {
    await this.lab.destroy();
    await this.c.destroy();
  }

  /** Processes still in the container's network namespace, once it is destroyed. */
  async netnsHolders(): Promise<string[]> {
    const holders: string[] = [];
    for (const pid of await readdir("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      const ino = await stat(`/proc/${pid}/ns/net`).then((s) => s.ino, () => 0);
      if (ino === this.netnsInode) holders.push(pid);
    }
    return holders;
  }
}

/** Every place the packages put something, and what the service and the agent make: none may stay after a purge. */
export const EVERYTHING = [
  "/usr/bin/wsl-vpn-agent",
  `/usr/lib/systemd/system/${UNIT}.service`,
  `/etc/systemd/system/${UNIT}.service`,
  `/etc/systemd/system/multi-user.target.wants/${UNIT}.service`,
  "/etc/wsl-vpn-agent",
  "/etc/binfmt.d/WSLInterop.conf",
  "/usr/share/wsl-vpn-agent",
  "/usr/share/doc/wsl-vpn-agent",
  "/usr/lib/wsl-vpn-agent",
  "/var/lib/wsl-vpn-agent",
  "/run/wsl-vpn-agent",
];
