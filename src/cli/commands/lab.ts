import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Option, type Command } from "commander";
import { EnvironmentError } from "../../errors.js";
import { intFlag } from "../intFlag.js";
import { createLab, parseNetnsList, type Lab } from "../../lab/createLab.js";
import { runDemo } from "../../lab/runDemo.js";
import { labNames } from "../../lab/names.js";
import { serveLab } from "../../lab/server.js";
import { registerLabProxy } from "./labProxy.js";
import { DEFAULT_TOPOLOGY, labTopologies, type LabTopology } from "../../lab/topologies.js";
import { runCommand } from "../../effects/run.js";
import { execa } from "execa";
import { selfLine } from "../../lab/selfLine.js";

const MANUAL_PREFIX = "wvalab";

interface LabFlags {
  readonly linkMtu: string;
  readonly tcpLimit?: string;
  readonly blockIcmpEcho?: boolean;
  readonly topology: LabTopology;
}

const mtuOf = (raw: string, name: string): number => intFlag(name, raw, 576, 1500);

/** The manual lab's temporary directories in this machine's temp directory. */
async function leftLabDirs(): Promise<string[]> {
  const entries = await readdir(tmpdir(), { withFileTypes: true }).catch(() => []);
  const ours = new RegExp(`^${MANUAL_PREFIX}-[A-Za-z0-9]{6}$`);
  return entries.filter((e) => e.isDirectory() && ours.test(e.name)).map((e) => join(tmpdir(), e.name));
}

/** Tears the lab down on Ctrl-C / SIGTERM, then exits with the conventional code. */
function teardownOnSignals(lab: Lab): void {
  const bye = (code: number) => (): void => void lab.destroy().finally(() => process.exit(code));
  process.once("SIGINT", bye(130));
  process.once("SIGTERM", bye(143));
}

/** `lab up|down|exec|demo` (and the hidden `lab serve` the lab runs in its server namespace). */
export function registerLab(program: Command): void {
  const lab = program.command("lab").description("a real path-MTU black hole in network namespaces (198.18.0.0/15 only; needs root)");
  const shape = (c: Command): Command =>
    c
      .option("--link-mtu <n>", "MTU of the router's link to the server", "1400")
      .option("--tcp-limit <n>", "router drops TCP packets above this size (ICMP still passes)")
      .option("--block-icmp-echo", "router drops ICMP echo requests")
      .addOption(new Option("--topology <name>", "the lab's shape (README: supported topologies)").choices(labTopologies).default(DEFAULT_TOPOLOGY));
  const optionsOf = (f: LabFlags) => ({
    topology: f.topology,
    linkMtu: mtuOf(f.linkMtu, "--link-mtu"),
    ...(f.tcpLimit === undefined ? {} : { tcpLimit: mtuOf(f.tcpLimit, "--tcp-limit") }),
    blockIcmpEcho: f.blockIcmpEcho === true,
  });
  shape(lab.command("up").description(`build the lab (prefix ${MANUAL_PREFIX}) and keep it until Ctrl-C`)).action(async (f: LabFlags) => {
    const l = await createLab({ prefix: MANUAL_PREFIX, ...optionsOf(f) });
    teardownOnSignals(l);
    process.stdout.write(
      `lab up (${l.topology}): ${l.ns.wsl} ─ ${l.ns.router} ─ ${l.ns.server}; server ${l.url} (CA ${l.caFile})\n` +
        l.notes.map((n) => `  also: ${n}\n`).join("") +
        `try: ${selfLine()} lab exec -- ${selfLine()} probe --url ${l.url} --ca-file ${l.caFile}\nCtrl-C tears it down.\n`,
    );
    await new Promise(() => {}); // until a signal
  });
  lab.command("down").description("remove the manual lab (and its processes) if one is left").action(async () => {
    // Topologies add namespaces of their own (`wvalab-ctr`): every one under the manual prefix goes too.
    const listed = parseNetnsList((await runCommand(["ip", "netns", "list"])).stdout).filter((ns) => ns.startsWith(`${MANUAL_PREFIX}-`));
    for (const ns of new Set([...Object.values(labNames(MANUAL_PREFIX).ns), ...listed])) {
      const pids = await runCommand(["ip", "netns", "pids", ns]);
      for (const pid of pids.stdout.split("\n").filter((p) => /^\d+$/.test(p))) process.kill(Number(pid), "SIGTERM");
      const r = await runCommand(["ip", "netns", "del", ns]);
      process.stdout.write(r.ok ? `removed ${ns}\n` : `${ns}: not present\n`);
    }
    // A killed `lab up` also left its certificates' directory (mkdtemp: the prefix and six characters).
    for (const dir of await leftLabDirs()) {
      await rm(dir, { recursive: true, force: true });
      process.stdout.write(`removed ${dir}\n`);
    }
  });
  lab
    .command("exec")
    .description("run a command inside the manual lab's wsl namespace")
    .argument("<cmd...>", "command and arguments (after --)")
    .action(async (cmd: string[]) => {
      const ns = labNames(MANUAL_PREFIX).ns.wsl;
      // `ip netns exec` would only say "Cannot open network namespace": say what to do instead.
      if (!existsSync(`/run/netns/${ns}`)) throw new EnvironmentError(`lab exec: no lab is up (namespace ${ns} not found): start one with 'wsl-vpn-agent lab up' first`);
      const r = await execa("ip", ["netns", "exec", ns, ...cmd], { reject: false, stdio: "inherit" });
      process.exitCode = r.exitCode ?? 1;
    });
  shape(lab.command("demo").description("tell the story: the black hole, the probe, apply, verify; then the whole agent through a VPN connect, a WSL rewrite and a disconnect, and a replay of its journal (builds and removes its own lab and files)"))
    .option("--journal <file>", "keep a copy of the agent's journal there (for report and replay)")
    .action(async (f: LabFlags & { journal?: string }) => {
      process.exitCode = await runDemo({ ...optionsOf(f), ...(f.journal === undefined ? {} : { keepJournal: f.journal }), out: (s) => process.stdout.write(`${s}\n`), onLab: teardownOnSignals });
    });
  lab
    .command("serve", { hidden: true })
    .addOption(new Option("--port <n>").default("443"))
    .requiredOption("--cert <file>")
    .requiredOption("--key <file>")
    .option("--quit-on-user-agent <prefix>")
    .action(async (f: { port: string; cert: string; key: string; quitOnUserAgent?: string }) => {
      await serveLab({ port: intFlag("--port", f.port, 1, 65_535), certFile: f.cert, keyFile: f.key, quitOnUserAgent: f.quitOnUserAgent });
      await new Promise(() => {}); // serve until a signal
    });
  registerLabProxy(lab);
}
