import { statSync } from "node:fs";
import { stat } from "node:fs/promises";
import { Option, type Command } from "commander";
import { httpsUrlProblem } from "../../config/httpsUrl.js";
import { loadConfig } from "../../config/index.js";
import { EnvironmentError, ExitCode, UsageError, errorMessage } from "../../errors.js";
import { heldMessage, lockStateDir, takeAgentLock, type AgentLock } from "../../runtime/agentLock.js";
import { applyOnce, type ApplyReport } from "../../runtime/applyOnce.js";
import { isAgentListening } from "../../status/client.js";
import { configOption } from "../configOption.js";
import { runProbe, DEFAULTS, type ProbeFailureKind, type ProbeOutcome, type ProbeProgress } from "../../probe/index.js";
import { intFlag } from "../intFlag.js";
import { isPlainIfaceName } from "../../link/ifaceName.js";
import { MTU_BOUNDS } from "../../link/mtuBounds.js";
import { preview } from "../../text/preview.js";
import { requireRoutingAccess } from "../routingAccess.js";
import { chooseProxy } from "../../proxy/chooseProxy.js";
import { parseProxyUrl, type ProxyEndpoint } from "../../proxy/proxyUrl.js";

interface ProbeFlags {
  url: string;
  interface?: string;
  caFile?: string;
  insecure?: boolean;
  min?: string;
  max?: string;
  timeoutMs?: string;
  hint?: string;
  json?: boolean;
  apply?: boolean;
  config?: string;
  method?: "auto" | "sequential";
  proxy?: string;
  raise?: boolean;
}

/** An optional integer flag in [lo, hi]; a bad one is a usage error naming the flag. */
function optionalInt(name: string, raw: string | undefined, lo: number, hi: number): number | undefined {
  return raw === undefined ? undefined : intFlag(name, raw, lo, hi);
}

/** Validates the flags; pure apart from checking that --ca-file is a file. */
export function parseProbeFlags(f: ProbeFlags) {
  // The same check as verify.url in the config: https, a real port, no IPv6 literal (IPv4-only probe).
  const urlProblem = httpsUrlProblem(f.url);
  if (urlProblem !== null) throw new UsageError(`--url: ${urlProblem}`);
  const url = new URL(f.url);
  if (f.caFile !== undefined && f.insecure === true) throw new UsageError("--ca-file and --insecure exclude each other");
  if (f.caFile !== undefined) caFileFlag(f.caFile);
  if (f.interface !== undefined && !isPlainIfaceName(f.interface)) throw new UsageError(`--interface is not an interface name: ${preview(f.interface)}`);
  const { ipv4 } = MTU_BOUNDS;
  const min = optionalInt("--min", f.min, ipv4.min, ipv4.max) ?? DEFAULTS.min;
  const max = optionalInt("--max", f.max, ipv4.min, ipv4.max) ?? DEFAULTS.max;
  if (min > max) throw new UsageError(`--min (${min}) must not exceed --max (${max})`);
  if (f.method !== undefined && f.method !== "auto" && f.method !== "sequential") throw new UsageError(`--method must be auto or sequential`);
  if (f.proxy !== undefined) {
    const proxy = parseProxyUrl(f.proxy, "--proxy");
    if ("problem" in proxy) throw new UsageError(`--proxy: ${proxy.problem}`);
  }
  return {
    url: url.href,
    iface: f.interface,
    min,
    max,
    timeoutMs: optionalInt("--timeout-ms", f.timeoutMs, 50, 600_000) ?? DEFAULTS.timeoutMs,
    hint: optionalInt("--hint", f.hint, ipv4.min, ipv4.max) ?? null,
    method: f.method ?? "auto",
    ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
    raise: f.raise !== false,
  };
}

/** The proxy for a probe without --apply: --proxy, else the environment's, as the agent decides. */
function proxyOf(url: string, flag: string | undefined): ProxyEndpoint | null {
  const choice = chooseProxy(url, flag === undefined ? null : { raw: flag, source: "--proxy" }, process.env);
  if ("error" in choice) throw new UsageError(choice.error);
  return choice.proxy;
}

function caFileFlag(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) throw new UsageError(`--ca-file: no such file ${path}`);
  if (st.isDirectory()) throw new UsageError(`--ca-file: ${path} is a directory, expected a PEM file`);
}

/**
 * The exit code of a probe: 69 when the target cannot be reached at all (no address, no TCP
 * connection, a proxy that turns it away), 1 when the probe or the applied MTU failed, 0 otherwise. Pure.
 */
export function probeExitCode(outcome: ProbeOutcome, apply: ApplyReport | undefined): number {
  if (!outcome.ok) return failureExitCode(outcome.kind);
  return apply !== undefined && !apply.ok ? ExitCode.failure : ExitCode.ok;
}

/** The target cannot be reached at all (no address, no TCP connection, a proxy that turns it away): 69; a running agent in the way: 75; any other failure: 1. */
function failureExitCode(kind: ProbeFailureKind): number {
  switch (kind) {
    case "unresolved":
    case "unreachable":
    case "proxyRefused":
      return ExitCode.unavailable;
    case "besideAgent":
      return ExitCode.tempFail;
    case "noRoute":
    case "badProxy":
    case "linkUnreadable":
    case "sequentialFailed":
    case "aborted":
    case "noSizeCarried":
      return ExitCode.failure;
    default: {
      const unknown: never = kind;
      throw new Error(`unhandled probe failure kind ${String(unknown)}`);
    }
  }
}

/** `probe`: finds the largest MTU that carries TLS to --url; with --apply, sets, verifies, rolls back. */
export function registerProbe(program: Command): void {
  program
    .command("probe")
    .description("find the largest MTU that really carries TLS to a URL (exact, parallel, interface untouched); --apply sets it, verifies with curl and rolls back on failure")
    .requiredOption("--url <url>", "https:// URL to probe (host resolved once)")
    .option("--interface <if>", "interface to probe through and apply to (default: the route's)")
    .option("--ca-file <file>", "CA certificate for the curl verification")
    .option("--insecure", "do not check the certificate in the curl verification")
    .addOption(new Option("--min <n>", "smallest MTU to consider").default(undefined, String(DEFAULTS.min)))
    .addOption(new Option("--max <n>", "largest MTU to consider").default(undefined, String(DEFAULTS.max)))
    .addOption(new Option("--timeout-ms <t>", "per-probe timeout").default(undefined, String(DEFAULTS.timeoutMs)))
    .option("--proxy <url>", "probe and verify through this HTTP proxy (http://host:port, CONNECT); default: https_proxy / HTTPS_PROXY unless no_proxy excludes the host")
    .option("--hint <h>", "Windows VPN adapter MTU: sizes around it minus common VPN overheads are tried first")
    .option("--no-raise", "do not raise the interface (its routes pinned) to probe above its current MTU")
    .option("--json", "print one JSON object: ok, mtu, interface, evidence (and apply)")
    .option("--apply", "set the interface MTU, verify with curl, roll back when the verification fails (through the agent's own machine; refused with exit 75 while an agent runs)")
    .addOption(configOption("giving state.dir and status.socket, to see whether an agent runs (beside one, the interface is not raised; --apply is refused)"))
    // Hidden: forces the sequential fallback, for tests and comparisons.
    .addOption(new Option("--method <m>", "auto|sequential").hideHelp())
    .action(async (flags: ProbeFlags) => {
      const o = parseProbeFlags(flags);
      await requireRoutingAccess("probe");
      const config = await loadConfig(flags.config);
      const lock = await probeLock(config.state.dir, flags.apply === true);
      try {
        if (flags.apply === true) await refuseWhileAgentRuns(config.status.socket);
        await probeCommand(flags, o, "beside" in lock ? lock.beside : undefined);
      } finally {
        if ("release" in lock) await lock.release();
      }
    });
}

/**
 * The state directory's lock, so no agent starts while the probe may raise the interface or add
 * routes. `--apply` must have it (exit 75 otherwise; it creates the directory, as an agent would);
 * a plain probe without it runs beside the agent that holds it, touching neither the interface nor
 * the main table. Without a state directory no agent runs (it would have created one).
 */
async function probeLock(stateDir: string, apply: boolean): Promise<AgentLock | { beside: string }> {
  if (apply) return takeAgentLock(stateDir, "probe --apply");
  if (!(await stat(stateDir).catch(() => null))?.isDirectory()) return { release: () => Promise.resolve() };
  const lock = await lockStateDir(stateDir, "probe").catch((error: unknown) => ({ beside: `cannot lock ${stateDir} (${errorMessage(error)}), so an agent may run` }));
  return "path" in lock ? { beside: heldMessage(lock) } : lock;
}

async function probeCommand(flags: ProbeFlags, o: ReturnType<typeof parseProbeFlags>, besideAgent: string | undefined): Promise<void> {
  const ac = new AbortController();
  const abort = (sig: NodeJS.Signals): void => {
    process.exitCode = sig === "SIGINT" ? 130 : 143;
    ac.abort();
  };
  process.on("SIGINT", abort);
  process.on("SIGTERM", abort);
  try {
    const tty = process.stderr.isTTY && flags.json !== true;
    // Warnings (a probe tool that cannot run) are printed even when progress is not.
    const onProgress = (p: ProbeProgress): void => void ((tty || p.type === "warning") && showProgress(p));
    const { probe: outcome, apply } =
      flags.apply === true
        ? await applyOnce({ ...o, ...(flags.caFile === undefined ? {} : { caFile: flags.caFile }), insecure: flags.insecure === true, signal: ac.signal, onProgress })
        : { probe: await runProbe({ ...o, proxy: proxyOf(o.url, o.proxy), signal: ac.signal, onProgress, ...(besideAgent === undefined ? {} : { besideAgent }) }), apply: undefined };
    if (ac.signal.aborted) {
      process.stderr.write("wsl-vpn-agent: probe interrupted; agent rules removed\n");
      return;
    }
    report(outcome, apply, flags.json === true);
    process.exitCode = probeExitCode(outcome, apply);
  } finally {
    process.off("SIGINT", abort);
    process.off("SIGTERM", abort);
  }
}

function showProgress(p: ProbeProgress): void {
  const line = (s: string): boolean => process.stderr.write(`${s}\n`);
  switch (p.type) {
    case "start": line(`probing ${p.address} via ${p.iface}, ${p.min}..${p.max} (${p.method})`); break;
    case "round": line(`round ${p.round}: ${p.sizes.join(" ")}`); break;
    case "size": line(`  ${p.result.mtu} ${p.result.pass ? "pass" : `fail (${p.result.reason ?? "?"})`} ${p.result.ms} ms`); break;
    case "icmp": line(`icmp: largest echo ${p.low}, narrows to ≤ ${p.high}`); break;
    case "note": line(`note: ${p.text}`); break;
    case "warning": line(`warning: ${p.text}`); break;
  }
}

/** An agent owns the interface while it runs: applying beside it would fight it (and its rollback) over the MTU. */
async function refuseWhileAgentRuns(socket: string): Promise<void> {
  if (await isAgentListening(socket)) {
    throw new EnvironmentError(`an agent is running (it answers on ${socket}) and manages the MTU: stop it first, or probe without --apply`, ExitCode.tempFail);
  }
}

function report(outcome: ProbeOutcome, apply: ApplyReport | undefined, json: boolean): void {
  if (json) {
    const base = outcome.ok ? { ok: true, mtu: outcome.mtu, interface: outcome.iface } : { ok: false, mtu: null, reason: outcome.reason, interface: outcome.iface ?? null };
    process.stdout.write(`${JSON.stringify({ ...base, evidence: outcome.evidence, ...(apply === undefined ? {} : { apply }) })}\n`);
    return;
  }
  const e = outcome.evidence;
  if (!outcome.ok) {
    process.stderr.write(`wsl-vpn-agent: probe failed: ${outcome.reason}\n`);
    return;
  }
  process.stdout.write(`MTU ${outcome.mtu} on ${outcome.iface} (${e.method}, ${e.rounds} round${e.rounds === 1 ? "" : "s"}, ${e.sizes.length} sizes, ${e.durationMs} ms)\n`);
  if (apply === undefined) return;
  if (apply.ok) process.stdout.write(`applied ${apply.mtu} to ${apply.iface} (was ${apply.previous}); verified with an HTTPS request\n`);
  else if (apply.stage === "apply") process.stderr.write(`wsl-vpn-agent: could not apply ${apply.mtu}: ${apply.reason}\n`);
  else process.stderr.write(`wsl-vpn-agent: verification failed (${apply.reason}); ${apply.rolledBack ? `rolled back to ${apply.previous}` : `ROLLBACK FAILED: ${apply.rollbackError ?? "?"}`}\n`);
}
