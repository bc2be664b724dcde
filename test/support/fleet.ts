import { execa, type ResultPromise } from "execa";
import { access, constants, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRoot } from "./root.js";
import { pollUntil } from "./pollUntil.js";

/** Debian's binaries (packages prometheus and prometheus-node-exporter), by absolute path. */
export const PROMETHEUS = "/usr/bin/prometheus";
export const NODE_EXPORTER = "/usr/bin/prometheus-node-exporter";

const present = async (path: string): Promise<boolean> => access(path, constants.X_OK).then(() => true, () => false);

/** The fleet test skips (with a message) without the packages or root; under CI=true it must run. */
export async function fleetSkipReason(): Promise<string | null> {
  const absent = [];
  for (const p of [PROMETHEUS, NODE_EXPORTER]) if (!(await present(p))) absent.push(p);
  const why = absent.length > 0 ? `${absent.join(" and ")} missing (bash scripts/test-setup/install.sh installs Debian's prometheus and prometheus-node-exporter)` : isRoot ? null : "needs root";
  if (why !== null && process.env.CI === "true") throw new Error(`CI=true but the fleet test cannot run: ${why}`);
  if (why !== null) console.warn(`skipping the fleet metrics test: ${why}`);
  return why;
}

/** A TCP port free on 127.0.0.1 now (the kernel's pick); the process given it binds it right after. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** One Prometheus server's HTTP API answer to an instant query: the series and their values. */
export interface Series {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * The processes of a fleet test (Prometheus servers, node_exporters) in one temp dir: each on a
 * free loopback port with its own data directory. `destroy` kills them all and removes the dir;
 * call it in afterAll, it is idempotent.
 */
export class Fleet {
  private readonly procs: { name: string; child: ResultPromise; log: { text: string } }[] = [];

  private constructor(readonly dir: string) {}

  static async create(): Promise<Fleet> {
    return new Fleet(await mkdtemp(join(tmpdir(), "wvafleet-")));
  }

  /** The central server: stores what the laptops' agents remote-write to it. Returns its port. */
  async central(): Promise<number> {
    const port = await freePort();
    const dir = join(this.dir, "central");
    await mkdir(dir);
    await writeFile(join(dir, "prometheus.yml"), "global: {}\n");
    await this.spawn("central", PROMETHEUS, ["--config.file", join(dir, "prometheus.yml"), "--storage.tsdb.path", join(dir, "data"), "--web.listen-address", `127.0.0.1:${port}`, "--web.enable-remote-write-receiver"], `http://127.0.0.1:${port}/-/ready`);
    return port;
  }

  /**
   * One laptop: a node_exporter reading only `textDir` (the textfile collector, nothing else) and a
   * Prometheus in agent mode scraping it every second and remote-writing to the central one, with
   * the external label `laptop`. As docs/operations.md tells a fleet to set it up.
   */
  async laptop(name: string, textDir: string, centralPort: number): Promise<void> {
    const exporter = await freePort();
    await this.spawn(`${name} node_exporter`, NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${exporter}`, "--collector.disable-defaults", "--collector.textfile", `--collector.textfile.directory=${textDir}`], `http://127.0.0.1:${exporter}/metrics`);
    const port = await freePort();
    const dir = join(this.dir, name);
    await mkdir(dir);
    const config = [
      "global:",
      "  scrape_interval: 1s",
      `  external_labels: { laptop: ${JSON.stringify(name)} }`,
      "scrape_configs:",
      "  - job_name: node",
      `    static_configs: [{ targets: ["127.0.0.1:${exporter}"] }]`,
      "remote_write:",
      `  - url: http://127.0.0.1:${centralPort}/api/v1/write`,
      "    queue_config: { batch_send_deadline: 1s }",
      "",
    ].join("\n");
    await writeFile(join(dir, "agent.yml"), config);
    await this.spawn(`${name} prometheus agent`, PROMETHEUS, ["--enable-feature=agent", "--config.file", join(dir, "agent.yml"), "--storage.agent.path", join(dir, "wal"), "--web.listen-address", `127.0.0.1:${port}`], `http://127.0.0.1:${port}/-/ready`);
  }

  /** Starts `file args` and waits until `readyUrl` answers 200; fails with its log if it exits first. */
  private async spawn(name: string, file: string, args: readonly string[], readyUrl: string): Promise<void> {
    const child = execa(file, args, { reject: false, buffer: false, stdin: "ignore", all: true });
    const log = { text: "" };
    child.all?.on("data", (c: Buffer) => (log.text = (log.text + c.toString("utf8")).slice(-8000)));
    this.procs.push({ name, child, log });
    let exited = false;
    void child.then(() => (exited = true));
    await pollUntil(() => fetch(readyUrl).then((r) => r.ok, () => false), (ok) => ok, {
      timeoutMs: 60_000,
      intervalMs: 200,
      stopped: () => (exited ? `${name} exited` : null),
      failure: (_, why) => `waiting for ${name} at ${readyUrl}: ${why}\n${log.text}`,
    });
  }

  /** The log tail of every process, for a failure message. */
  logs(): string {
    return this.procs.map((p) => `--- ${p.name}\n${p.log.text.split("\n").slice(-15).join("\n")}`).join("\n");
  }

  /** Kills every process (SIGKILL: nothing of theirs is kept) and removes the temp dir. Idempotent. */
  async destroy(): Promise<void> {
    const procs = this.procs.splice(0);
    for (const p of procs) p.child.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.child.catch(() => undefined)));
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** An instant query against a Prometheus server's HTTP API; throws with Prometheus' error when it fails to parse or run. */
export async function query(port: number, promql: string): Promise<Series[]> {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/query?${new URLSearchParams({ query: promql }).toString()}`);
  const body = (await r.json()) as { status: string; error?: string; data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== "success" || body.data === undefined) throw new Error(`query ${promql}: ${body.error ?? r.status}`);
  if (body.data.resultType !== "vector") throw new Error(`query ${promql}: a ${body.data.resultType}, not a vector`);
  return body.data.result.map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
}
