import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { execaSync, type ResultPromise } from "execa";
import { execa } from "execa";
import { EnvironmentError, ExitCode } from "../errors.js";
import { describeFailure, runCommand, type CommandResult, type RunOptions } from "../effects/run.js";
import { makeCertificate, spawnServer, type ServerChild } from "./labServer.js";
import { labNames, randomPrefix, type LabNames, type LabSide } from "./names.js";
import { buildTopology } from "./topology.js";
import { shapeBuilders } from "./topology/index.js";
import { DEFAULT_TOPOLOGY, type LabTopology } from "./topologies.js";

export interface LabOptions {
  /** Namespace prefix; default a random one (`wvaXXXXX`). */
  readonly prefix?: string;
  /** MTU of the router's link towards the server: the black hole. */
  readonly linkMtu: number;
  /** Router drops TCP packets above this size (ICMP still passes up to linkMtu). */
  readonly tcpLimit?: number;
  readonly blockIcmpEcho?: boolean;
  /** The server exits when a request with this User-Agent prefix arrives (e.g. "curl/"). */
  readonly quitOnUserAgent?: string;
  /**
   * The WSL side is the network namespace of this process (a container's init) instead of a new
   * one: it is only named for the lab (`ip netns attach`), and destroy drops the name, never its processes.
   */
  readonly wslNetnsOf?: number;
  /** The lab's shape (default `full`, the basic lab): src/lab/topologies.ts. */
  readonly topology?: LabTopology;
}

export interface Lab extends LabNames {
  readonly topology: LabTopology;
  /** What the topology adds beyond the base lab, for a user (its builder's notes). */
  readonly notes: readonly string[];
  readonly url: string;
  /** The server's self-signed certificate: pass it as `--ca-file`. */
  readonly caFile: string;
  /** Runs argv inside one of the lab's namespaces; failures come back as data. */
  exec(side: LabSide, argv: readonly string[], options?: Omit<RunOptions, "netns">): Promise<CommandResult>;
  /** Starts a long-running argv inside a namespace (execa child: kill it, await it). */
  spawn(side: LabSide, argv: readonly string[]): ResultPromise<{ reject: false; all: true }>;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Removes namespaces, server and files. Idempotent. */
  destroy(): Promise<void>;
}

/** True when this process may create namespaces. */
export const canCreateLab = (): boolean => process.getuid?.() === 0;

/** Namespace names in `ip netns list` output: one per line, "name" or "name (id: N)". Pure. */
export function parseNetnsList(stdout: string): string[] {
  return stdout.split("\n").map((line) => line.trim().split(/\s+/)[0] ?? "").filter((name) => name !== "");
}

/**
 * Which of the lab's namespaces exist already (a lab with this prefix is up, or half torn down)
 * and which this call would create: only those may ever be deleted by it. Pure.
 */
export function labNamespaces(existing: readonly string[], names: LabNames): { readonly taken: string[]; readonly owned: string[] } {
  const present = new Set(existing);
  const all = Object.values(names.ns);
  return { taken: all.filter((ns) => present.has(ns)), owned: all.filter((ns) => !present.has(ns)) };
}

async function existingNamespaces(): Promise<string[]> {
  const r = await runCommand(["ip", "netns", "list"], { timeoutMs: 10_000 });
  if (!r.ok) throw new EnvironmentError(`lab setup: ${describeFailure(r)}`);
  return parseNetnsList(r.stdout);
}

/**
 * Builds the lab (wsl ─ router ─ server namespaces) and starts its HTTPS server. Needs root. On any
 * error it tears down what it built; at process exit it removes whatever was not destroyed.
 */
export async function createLab(o: LabOptions): Promise<Lab> {
  if (!canCreateLab()) throw new EnvironmentError("the lab needs root (network namespaces): run it with sudo", ExitCode.noPermission);
  const topology = o.topology ?? DEFAULT_TOPOLOGY;
  const shape = shapeBuilders[topology];
  if (shape === undefined) throw new EnvironmentError(`the lab topology "${topology}" is not built yet`);
  const names = labNames(o.prefix ?? randomPrefix());
  // Before creating anything: a lab that is up is not ours to touch, not even to clean up after a failure.
  const { taken } = labNamespaces(await existingNamespaces(), names);
  const alreadyUp = (ns: readonly string[]): EnvironmentError => new EnvironmentError(`a lab is already up (namespaces ${ns.join(", ")} exist): run \`wsl-vpn-agent lab down\` first`);
  if (taken.length > 0) throw alreadyUp(taken);
  // Only what this call created, recorded as each one is: a lab started at the same instant may own the rest.
  const owned: string[] = [];
  const addNamespace = async (ns: string, netnsOf?: number): Promise<void> => {
    const r = await runCommand(netnsOf === undefined ? ["ip", "netns", "add", ns] : ["ip", "netns", "attach", ns, String(netnsOf)], { timeoutMs: 10_000 });
    if (!r.ok) throw /File exists/.test(r.stderr) ? alreadyUp([ns]) : new EnvironmentError(`lab setup: ${describeFailure(r)}`);
    owned.push(ns);
  };
  const dir = mkdtempSync(`${tmpdir()}/${names.prefix}-`);
  let server: ServerChild | null = null;
  let stopShape: (() => Promise<void>) | undefined;
  let destroyed = false;
  // Last resort: a synchronous teardown when the process exits without destroy().
  const onExit = (): void => {
    for (const ns of owned) execaSync("ip", ["netns", "del", ns], { reject: false });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const destroy = async (): Promise<void> => {
    if (destroyed) return;
    destroyed = true;
    await stopShape?.().catch(() => undefined);
    await stopServer();
    // Only the namespaces this call created, also when the build failed half way.
    for (const ns of owned) {
      if (ns === names.ns.wsl && o.wslNetnsOf !== undefined) {
        await runCommand(["ip", "netns", "del", ns]);
        continue;
      }
      const pids = await runCommand(["ip", "netns", "pids", ns]);
      for (const pid of pids.stdout.split("\n").filter((p) => /^\d+$/.test(p))) process.kill(Number(pid), "SIGKILL");
      await runCommand(["ip", "netns", "del", ns]);
    }
    rmSync(dir, { recursive: true, force: true });
    process.removeListener("exit", onExit);
  };
  const stopServer = async (): Promise<void> => {
    if (server === null) return;
    server.kill("SIGTERM");
    await server;
    server = null;
  };
  try {
    await buildTopology(names, o, addNamespace);
    const files = await makeCertificate(dir, names.addresses.server);
    const startServer = async (): Promise<void> => {
      if (server === null) server = (await spawnServer(names.ns.server, files, o.quitOnUserAgent)).child;
    };
    await startServer();
    const built = await shape({ names, dir, addNamespace });
    stopShape = built.stop;
    return {
      ...names,
      topology,
      notes: built.notes ?? [],
      url: `https://${names.addresses.server}/`,
      caFile: files.certFile,
      exec: (side, argv, options = {}) => runCommand(argv, { ...options, netns: names.ns[side] }),
      spawn: (side, argv) => execa("ip", ["netns", "exec", names.ns[side], ...argv], { reject: false, all: true }),
      stopServer,
      startServer,
      destroy,
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}
