import { execa, type ResultPromise } from "execa";
import { accessSync, constants, mkdirSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeLine, type DecodedLine } from "../../src/sources/decodeLine.js";
import { splitLines } from "../../src/lines/splitLines.js";
import { isRoot } from "./root.js";

/** The PowerShell the test set-up installs (scripts/test-setup/install.sh): a .NET global tool. */
export const PWSH_VERSION = "7.6.9";

/** `pwsh` on PATH, else where `dotnet tool install --global` puts it; null when absent. */
function findPwsh(): string | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), join(homedir(), ".dotnet", "tools")];
  for (const dir of dirs.filter((d) => d !== "")) {
    try {
      accessSync(join(dir, "pwsh"), constants.X_OK);
      return join(dir, "pwsh");
    } catch {
      // not here
    }
  }
  return null;
}

export const pwshPath = findPwsh();

/** Tests that run real PowerShell skip (with a message) without pwsh or root; under CI=true they must run. */
export const skipPwsh = pwshPath === null || !isRoot;
if (pwshPath === null) {
  if (process.env.CI === "true") throw new Error("CI=true but pwsh is missing: run scripts/test-setup/install.sh (PowerShell 7.6.9 as a .NET global tool)");
  console.warn("skipping real-PowerShell tests: pwsh not found (bash scripts/test-setup/install.sh installs it)");
}

/** The module folder with the stand-ins for Get-Net… and Get-VpnConnection, for $env:PSModulePath. */
export const stubModules = fileURLToPath(new URL("../fixtures/pwsh", import.meta.url));

/** One Windows adapter as the fixture describes it: what Get-NetAdapter and Get-NetIPInterface return for it. */
export interface FixtureAdapter {
  readonly name: string;
  readonly description: string;
  readonly status?: string;
  readonly ifIndex: number;
  readonly mtu: number;
  readonly interfaceType?: number;
  readonly virtual?: boolean;
  /** Metric of its IPv4 default route; none: no default route. */
  readonly routeMetric?: number;
  /** Its other IPv4 routes (route metrics; the stub adds InterfaceMetric 25 as Windows does). */
  readonly routes?: readonly FixtureRoute[];
  /** Its IPv4 addresses, for Get-NetIPAddress. */
  readonly addresses?: readonly { readonly ip: string; readonly prefixLength: number }[];
}

/** One route as Get-NetRoute shows it; `store` defaults to ActiveStore. */
export interface FixtureRoute {
  readonly prefix: string;
  readonly metric: number;
  readonly nextHop?: string;
  readonly store?: "ActiveStore" | "PersistentStore";
}

/** What the stubbed cmdlets return; `throw` names cmdlets that fail with a terminating error. */
export interface NetFixture {
  readonly adapters: readonly FixtureAdapter[];
  readonly throw?: readonly string[];
}

/** The fixture file's JSON, in the CIM objects' property names. Pure. */
export function fixtureJson(f: NetFixture): string {
  return JSON.stringify({
    adapters: f.adapters.map((a) => ({ Name: a.name, InterfaceDescription: a.description, Status: a.status ?? "Up", ifIndex: a.ifIndex, InterfaceType: a.interfaceType ?? 6, Virtual: a.virtual ?? false, MtuSize: a.mtu })),
    ipInterfaces: f.adapters.map((a) => ({ ifIndex: a.ifIndex, InterfaceAlias: a.name, AddressFamily: "IPv4", NlMtu: a.mtu, InterfaceMetric: 25, ConnectionState: "Connected" })),
    routes: f.adapters.flatMap((a) => [
      ...(a.routeMetric === undefined ? [] : [{ prefix: "0.0.0.0/0", metric: a.routeMetric, nextHop: "198.18.0.1" }]),
      ...(a.routes ?? []),
    ].map((r) => ({ ifIndex: a.ifIndex, DestinationPrefix: r.prefix, NextHop: r.nextHop ?? "0.0.0.0", RouteMetric: r.metric, AddressFamily: "IPv4", Store: r.store ?? "ActiveStore" }))),
    addresses: f.adapters.flatMap((a) => (a.addresses ?? []).map((x) => ({ ifIndex: a.ifIndex, IPAddress: x.ip, PrefixLength: x.prefixLength, AddressFamily: "IPv4" }))),
    vpnConnections: [],
    throw: f.throw ?? [],
  });
}

/** Replaces the fixture in one step (a reader never sees half a file). */
export async function writeFixture(path: string, f: NetFixture): Promise<void> {
  await writeFile(`${path}.tmp`, fixtureJson(f));
  await rename(`${path}.tmp`, path);
}

/**
 * pwsh's own temporary directory beside the fixture (removed with the test's directory): .NET puts
 * its IPC files there (clr-debug-pipe-*, dotnet-diagnostic-*, CoreFxPipe_*), and a SIGKILLed pwsh
 * cannot remove them.
 */
function pwshTmp(fixturePath: string): string {
  const dir = join(dirname(fixturePath), "pwsh-tmp");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The environment that makes pwsh find the stubs and the fixture. */
export function stubEnv(fixturePath: string): Record<string, string> {
  return { PSModulePath: stubModules, WVA_NET_FIXTURE: fixturePath, TMPDIR: pwshTmp(fixturePath) };
}

/** A small wrapper the agent can run as `windows.powershell`: pwsh with the stubs and the fixture. */
export async function writeWrapper(path: string, fixturePath: string): Promise<void> {
  if (pwshPath === null) throw new Error("pwsh not found");
  const q = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
  const env = Object.entries(stubEnv(fixturePath)).map(([k, v]) => `${k}=${q(v)}`).join(" ");
  await writeFile(path, `#!/bin/sh\n${env} exec ${q(pwshPath)} "$@"\n`, { mode: 0o755 });
}

/** One line the watcher printed: its text, and what the agent's decoder makes of it. */
export interface WatcherLine {
  readonly text: string;
  readonly decoded: DecodedLine;
}

/** A running watcher: its lines as they arrive, and its process. */
export class WatcherRun {
  readonly lines: WatcherLine[] = [];
  private waiters: Array<() => void> = [];
  private constructor(readonly child: ResultPromise) {}

  /** Starts `argv` inside network namespace `netns` with the stub environment. */
  static start(netns: string, argv: readonly string[], fixturePath: string): WatcherRun {
    const child = execa("ip", ["netns", "exec", netns, ...argv], { env: stubEnv(fixturePath), stdin: "pipe", buffer: false, reject: false });
    const run = new WatcherRun(child);
    void (async () => {
      for await (const raw of splitLines(child.stdout as AsyncIterable<Buffer>, 1024 * 1024)) {
        run.lines.push({ text: raw.bytes.toString("utf8"), decoded: decodeLine(raw) });
        run.waiters.splice(0).forEach((w) => w());
      }
    })();
    return run;
  }

  /** Waits for the first line from index `from` on that satisfies `check`; returns its index. */
  async waitForLine(what: string, check: (l: WatcherLine) => boolean, from = 0, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.lines.findIndex((l, n) => n >= from && check(l));
      if (i >= 0) return i;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`waiting for ${what}: none within ${timeoutMs} ms; lines: ${JSON.stringify(this.lines.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Closes stdin (the agent's signal to exit) and resolves with the exit and the time it took. */
  async closeStdin(): Promise<{ exitCode: number | undefined; signal: string | undefined }> {
    this.child.stdin?.end();
    const r = await this.child;
    return { exitCode: r.exitCode, signal: r.signal };
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }
}

/** The adapter names of a line the decoder took as a snapshot; null for anything else. Pure. */
export function namesOf(l: WatcherLine): string[] | null {
  return l.decoded.kind === "snapshot" ? l.decoded.snapshot.adapters.map((a) => a.name) : null;
}
