import { execa, type ResultPromise } from "execa";
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { mkdir, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand, type CommandResult } from "../../src/effects/run.js";
import { isRoot } from "./root.js";
import { onPath } from "./onPath.js";
import { pollUntil } from "./pollUntil.js";


/** The systemd tests need root, systemd-nspawn and (for a first build of the root) debootstrap. */
const missing = [!isRoot && "root", !onPath("systemd-nspawn") && "systemd-nspawn", !onPath("debootstrap") && process.env.WVA_TEST_ROOTFS === undefined && "debootstrap"].filter((m): m is string => typeof m === "string");
export const skipNspawn = missing.length > 0;
if (skipNspawn) {
  if (process.env.CI === "true") throw new Error(`CI=true but ${missing.join(", ")} missing: run scripts/test-setup/install.sh as root`);
  console.warn(`skipping real-systemd tests: ${missing.join(", ")} missing (bash scripts/test-setup/install.sh installs them)`);
}

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** The cached Debian root (scripts/test-setup/rootfs.sh builds it once and prints its path). */
export async function testRootfs(): Promise<string> {
  const r = await execa("bash", [join(repo, "scripts/test-setup/rootfs.sh")], { reject: false, timeout: 600_000 });
  if (r.exitCode !== 0) throw new Error(`scripts/test-setup/rootfs.sh failed (exit ${r.exitCode}): ${r.stderr}`);
  return r.stdout.trim().split("\n").at(-1) ?? "";
}

/** Where a process of ours gets its own cgroup: the v2 tree and, on a hybrid host, the named systemd one. */
function cgroupRoots(): string[] {
  if (existsSync("/sys/fs/cgroup/cgroup.controllers")) return ["/sys/fs/cgroup"];
  return ["/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd"].filter((d) => existsSync(join(d, "cgroup.procs")));
}

export interface BootOptions {
  readonly name: string;
  readonly rootfs: string;
  /** Read-only binds, host path → path in the container. */
  readonly binds: ReadonlyArray<readonly [string, string]>;
}

/**
 * A Debian root booted with systemd-nspawn (`--boot --register=no --keep-unit --volatile=overlay
 * --private-network`), started from a shell placed in a cgroup of its own and reached with nsenter.
 * The root stays untouched (the overlay's upper layer is a tmpfs). `destroy` leaves no process,
 * cgroup, mount or namespace behind, also after a failure; it is idempotent.
 */
export class Container {
  private destroyed = false;
  private constructor(
    readonly name: string,
    private readonly nspawn: ResultPromise,
    /** The container's init (systemd), as the host sees it. */
    readonly leader: number,
    private readonly cgroups: string[],
    private readonly log: { text: string },
  ) {}

  static async boot(o: BootOptions): Promise<Container> {
    const cgroups = cgroupRoots().map((root) => join(root, o.name));
    for (const cg of cgroups) await mkdir(cg);
    const log = { text: "" };
    const args = ["-q", "-D", o.rootfs, `--machine=${o.name}`, "--boot", "--register=no", "--keep-unit", "--volatile=overlay", "--private-network", ...o.binds.map(([h, c]) => `--bind-ro=${h}:${c}`)];
    // nspawn --keep-unit runs the container in the cgroup it is started from: a shell moves itself there first.
    const nspawn = execa("sh", ["-c", 'for cg in $WVA_CGROUPS; do echo $$ > "$cg/cgroup.procs"; done; exec systemd-nspawn "$@"', "sh", ...args], {
      env: { WVA_CGROUPS: cgroups.join(" ") },
      stdin: "ignore",
      buffer: false,
      reject: false,
    });
    const collect = (c: Buffer): void => void (log.text = (log.text + c.toString("utf8")).slice(-8000));
    nspawn.stdout?.on("data", collect);
    nspawn.stderr?.on("data", collect);
    let leader = 0;
    try {
      leader = await waitForLeader(nspawn, log);
      const c = new Container(o.name, nspawn, leader, cgroups, log);
      // Until systemd has opened its socket, systemctl cannot connect: ask again (its --wait then waits for boot).
      const noBusYet = (r: CommandResult): boolean => /Failed to connect to bus/.test(r.stderr) || r.stdout.trim() === "offline";
      const up = await pollUntil(() => c.exec(["systemctl", "is-system-running", "--wait"], { timeoutMs: 60_000 }), (r) => !noBusYet(r), {
        timeoutMs: 60_000,
        failure: (r, why) => `container ${o.name} did not boot (${why}): ${r.stdout} ${r.stderr}\n${log.text}`,
      });
      if (!/^(running|degraded)$/.test(up.stdout.trim())) throw new Error(`container ${o.name} did not boot: ${up.stdout} ${up.stderr}\n${log.text}`);
      return c;
    } catch (error) {
      await new Container(o.name, nspawn, leader, cgroups, log).destroy();
      throw error;
    }
  }

  /** Runs argv inside the container (all its namespaces), with a clean root environment. */
  exec(argv: readonly string[], o: { input?: string; timeoutMs?: number; user?: string } = {}): Promise<CommandResult> {
    const env = ["env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "SYSTEMD_COLORS=0", "SYSTEMD_PAGER="];
    const as = o.user === undefined ? [] : ["runuser", "-u", o.user, "--"];
    return runCommand(["nsenter", "-t", String(this.leader), "-a", "--", ...env, ...as, ...argv], { input: o.input, timeoutMs: o.timeoutMs ?? 60_000 });
  }

  /** Like exec, but a failure throws with the command and its output. */
  async run(argv: readonly string[], o: { input?: string; timeoutMs?: number; user?: string } = {}): Promise<string> {
    const r = await this.exec(argv, o);
    if (!r.ok) throw new Error(`in ${this.name}: ${argv.join(" ")} failed (exit ${r.exitCode}): ${r.stderr || r.stdout}`);
    return r.stdout;
  }

  /** Writes a file inside the container (through its root as its init sees it: the overlay). */
  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    const at = join(`/proc/${this.leader}/root`, path);
    await mkdir(dirname(at), { recursive: true });
    await writeFile(at, content, { mode });
  }

  /** What nspawn printed (the boot log), for failure messages. */
  get bootLog(): string {
    return this.log.text;
  }

  /** Powers the container off (SIGTERM to nspawn), kills what is left by cgroup, removes cgroups. Idempotent. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.nspawn.kill("SIGTERM");
    const off = await Promise.race([this.nspawn.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000).unref())]);
    for (const cg of this.cgroups) {
      if (!off && existsSync(join(cg, "cgroup.kill"))) await writeFile(join(cg, "cgroup.kill"), "1").catch(() => undefined);
      else if (!off) for (const pid of pidsUnder(cg)) process.kill(pid, "SIGKILL");
    }
    if (!off) await this.nspawn.catch(() => undefined);
    for (const cg of this.cgroups) await removeCgroup(cg);
    rmSync(`/run/systemd/nspawn/propagate/${this.name}`, { recursive: true, force: true });
  }

  /** Everything of this container still on the host: processes, cgroups, mounts, namespaces. */
  leftovers(): string[] {
    const left: string[] = [];
    for (const cg of this.cgroups) if (existsSync(cg)) left.push(`cgroup ${cg}`);
    if (existsSync(`/proc/${this.leader}`)) left.push(`process ${this.leader}`);
    const mounts = readFileSync("/proc/self/mountinfo", "utf8").split("\n").filter((l) => l.includes(this.name));
    left.push(...mounts.map((m) => `mount ${m}`));
    if (existsSync(`/run/systemd/nspawn/propagate/${this.name}`)) left.push("nspawn propagate dir");
    return left;
  }
}

/** The container's init: nspawn's child once it has exec'd systemd. */
async function waitForLeader(nspawn: ResultPromise, log: { text: string }): Promise<number> {
  let exited = false;
  void nspawn.then(() => (exited = true));
  const ours = pidNamespace(process.pid);
  // In a pid namespace of its own and already systemd (nspawn's helpers keep their own name).
  const leader = (): number | undefined => (nspawn.pid === undefined ? undefined : descendantsOf(nspawn.pid).find((c) => comm(c) === "systemd" && pidNamespace(c) !== ours));
  const pid = await pollUntil(leader, (p) => p !== undefined, {
    timeoutMs: 30_000,
    intervalMs: 20,
    stopped: () => (exited ? "exited" : null),
    failure: (_, why) => `systemd-nspawn ${why === "exited" ? "exited" : "did not start the container"}:\n${log.text}`,
  });
  return pid as number;
}

function pidNamespace(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return "";
  }
}

function descendantsOf(pid: number): number[] {
  const children = childrenOf(pid);
  return [...children, ...children.flatMap(descendantsOf)];
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter((s) => s !== "").map(Number));
  } catch {
    return [];
  }
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

function pidsUnder(cg: string): number[] {
  const out: number[] = [];
  const walk = (dir: string): void => {
    try {
      out.push(...readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n").filter((s) => s !== "").map(Number));
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
    } catch {
      // gone meanwhile
    }
  };
  walk(cg);
  return out;
}

/** Removes a cgroup and its children, deepest first (a cgroup can only go once empty). */
async function removeCgroup(cg: string): Promise<void> {
  if (!existsSync(cg)) return;
  for (const e of readdirSync(cg, { withFileTypes: true })) if (e.isDirectory()) await removeCgroup(join(cg, e.name));
  // EBUSY while the last process is still exiting. Not thrown after 5 s: leftovers() reports it.
  const removed = (): Promise<boolean> => rmdir(cg).then(() => true, (error: NodeJS.ErrnoException) => error.code === "ENOENT");
  await pollUntil(removed, (gone) => gone, { timeoutMs: 5_000, intervalMs: 100, failure: () => `cgroup ${cg} still busy` }).catch(() => undefined);
}
