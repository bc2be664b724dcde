import type { Profile } from "../../machines/context.js";
import { IFACE_NAME_MAX_BYTES, KERNEL_IFACE_NAME } from "../link/ifaceName.js";
import { MTU_BOUNDS } from "../link/mtuBounds.js";
import { DEFAULT_POWERSHELL } from "../sources/watcherCommand.js";
import { httpsUrl } from "./httpsUrl.js";
import { proxyUrlKind } from "./proxyUrlKind.js";
import { arrayOf, boolean, integer, type Kind, literalOr, nullable, oneOf, record, text } from "./kinds.js";
import { type AgentConfig, type ConfigPath, LOG_LEVELS, type ValueAt } from "./types.js";
import { vpnPatternList } from "./vpnPatterns.js";

/** A default computed from other keys (e.g. `journal.path` from `state.dir`). */
export class Derived<T> {
  constructor(
    /** How docs and the schema describe it: "<state.dir>/journal.jsonl". */
    readonly text: string,
    readonly derive: (get: (path: ConfigPath) => unknown) => T,
  ) {}
}

export interface KeySpec<T> {
  readonly kind: Kind<T>;
  readonly default: T | Derived<T>;
  /** One sentence for docs/configuration.md and the schema's `description`. */
  readonly doc: string;
}

/** Every config key, once: its kind, default and meaning. Keys, validator and schema derive from it. */
export type KeyTable = { readonly [P in ConfigPath]: KeySpec<ValueAt<AgentConfig, P>> };

/** The MTU limits of any configured MTU. */
export const MTU = integer(MTU_BOUNDS.config.min, MTU_BOUNDS.config.max);
/** No control characters: a NUL cannot be passed to the kernel, and the others only hide what a path is. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const ABSOLUTE_PATH = /^\/[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex -- an argv entry cannot carry a NUL
const ARGUMENT = /^(?=[^]*\S)[^\u0000]*$/;
// eslint-disable-next-line no-control-regex -- as ABSOLUTE_PATH; node_exporter's textfile collector reads only *.prom files
const PROM_FILE = /^\/[^\u0000-\u001f\u007f]*[^/\u0000-\u001f\u007f]\.prom$/;
const absPath = text("an absolute path (no control characters)", ABSOLUTE_PATH, 4096);
const ms = (min: number, max: number): Kind<number> => integer(min, max);
const strings = arrayOf(text("a non-blank string without NUL", ARGUMENT), 1, "non-blank strings without NUL");
const profile = record<Profile>('an object {"match": "<text>", "mtu": <integer>, "url": "https://..."} (mtu and url optional)', { match: text("a non-empty string"), mtu: MTU, url: httpsUrl }, ["mtu", "url"]);

export const CONFIG_KEYS: KeyTable = {
  interface: {
    kind: literalOr("auto", text("a Linux interface name (1-15 bytes, no '/', ':', whitespace or control characters)", KERNEL_IFACE_NAME, IFACE_NAME_MAX_BYTES, IFACE_NAME_MAX_BYTES)),
    default: "auto",
    doc: "The WSL interface whose MTU the agent manages; \"auto\" takes the one routing to the probe target (ip route get), decided again each time the network settles, never lo, loopback0 or a down interface.",
  },
  baselineMtu: { kind: literalOr("auto", MTU), default: "auto", doc: "MTU restored when no VPN is up; \"auto\" learns it from the interface before any VPN." },
  "windows.watchCommand": { kind: nullable(strings), default: null, doc: "Command (argv array, no shell) printing Windows network snapshots as JSON lines; null runs the built-in PowerShell watcher." },
  "windows.powershell": { kind: absPath, default: DEFAULT_POWERSHELL, doc: "Absolute path of the powershell.exe the built-in watcher runs (a systemd service has no Windows PATH); unused when windows.watchCommand is set." },
  "windows.vpnPatterns": { kind: nullable(vpnPatternList), default: null, doc: "Case-insensitive patterns matched against adapter names and descriptions to recognise a VPN; null uses the built-in list." },
  "settle.quietMs": { kind: ms(0, 60_000), default: 750, doc: "Act on Windows network changes after this long without a further change." },
  "settle.maxWaitMs": { kind: ms(0, 600_000), default: 5_000, doc: "Act no later than this after the first change of a burst, even if changes keep coming." },
  "probe.minMtu": { kind: MTU, default: 1280, doc: "Smallest MTU the probe considers (and the answer when nothing larger works)." },
  "probe.maxMtu": { kind: MTU, default: 1500, doc: "Largest MTU the probe considers." },
  "probe.timeoutMs": { kind: ms(100, 60_000), default: 2_000, doc: "How long one probe waits before counting its size as black-holed." },
  "probe.parallel": { kind: integer(1, 64), default: 24, doc: "Candidate sizes probed at the same time (one routing table each, two attempts with a rule each); 24 finds any answer in 1280..1500 in two rounds." },
  "probe.tableBase": { kind: integer(256, 2_000_000_000), default: 52_000, doc: "First policy-routing table id owned by the agent; it owns probe.slots consecutive ids and removes them at start and stop." },
  "probe.rulePriorityBase": { kind: integer(1, 32_765), default: 30_000, doc: "First `ip rule` priority owned by the agent; the range must stay below the main table's 32766." },
  "probe.localPortBase": { kind: integer(1024, 65_535), default: 28_000, doc: "First local TCP port probes bind to (below Linux's ephemeral range 32768-60999)." },
  "probe.slots": { kind: integer(1, 1024), default: 128, doc: "Size of the agent's ranges of tables and rule priorities (local ports: 8 times as many); at least 2 x probe.parallel (a round takes a rule per attempt, two per size); rounds overlap only when 4 x probe.parallel fit." },
  "verify.url": { kind: httpsUrl, default: "https://github.com", doc: "HTTPS URL requested to verify an applied MTU (and the probes' target); pick one reached through the VPN." },
  "verify.caFile": { kind: nullable(absPath), default: null, doc: "PEM file of CA certificates trusted for verify.url instead of the system store; it must exist when the config is loaded." },
  "verify.insecure": { kind: boolean, default: false, doc: "Skip certificate checks for verify.url (lab and test only); contradicts verify.caFile." },
  "verify.proxy": { kind: nullable(proxyUrlKind), default: null, doc: "HTTP proxy (\"http://host:port\") the probes and the verification reach verify.url through with CONNECT; null uses https_proxy / HTTPS_PROXY from the agent's environment unless no_proxy excludes the URL's host, else connects directly." },
  "verify.timeoutMs": { kind: ms(100, 120_000), default: 10_000, doc: "Time limit of one verification request." },
  "healthCheck.intervalMs": { kind: ms(1_000, 86_400_000), default: 60_000, doc: "While an MTU is applied, re-verify it this often." },
  "retry.baseMs": { kind: ms(100, 3_600_000), default: 5_000, doc: "First delay before retrying a failed probe or verification; doubles on each failure." },
  "retry.maxMs": { kind: ms(100, 3_600_000), default: 300_000, doc: "Longest delay between retries." },
  "journal.path": { kind: absPath, default: new Derived("<state.dir>/journal.jsonl", (get) => `${String(get("state.dir"))}/journal.jsonl`), doc: "Event journal (JSON lines) that `wsl-vpn-agent replay` reads." },
  "journal.segmentBytes": { kind: integer(4096, 2 ** 40), default: 8 * 1024 * 1024, doc: "The active journal file becomes a rotated segment (same name plus its first seq) once it passes this many bytes; each segment starts with a checkpoint." },
  "journal.keepBytes": { kind: integer(8192, 2 ** 50), default: 64 * 1024 * 1024, doc: "The oldest rotated segments are deleted once the journal's files together pass this many bytes; at least 2 x journal.segmentBytes." },
  "state.dir": { kind: absPath, default: "/var/lib/wsl-vpn-agent", doc: "Directory for the baseline MTU, known VPNs and the journal (the unit's StateDirectory)." },
  "status.socket": { kind: text("an absolute path of at most 107 bytes (the kernel's limit for a socket path; no control characters)", ABSOLUTE_PATH, 107, 107), default: "/run/wsl-vpn-agent/status.sock", doc: "Unix socket where the running agent serves its status (mode 0660)." },
  "log.level": { kind: oneOf(LOG_LEVELS), default: "info", doc: "Least severe log level written." },
  restoreOnStop: { kind: boolean, default: true, doc: "Restore the baseline MTU when the agent stops." },
  "forward.clampMss": { kind: boolean, default: true, doc: "While an MTU is applied, clamp the MSS of forwarded TCP SYNs through the interface (Docker containers, other namespaces) to fit it, in the nftables table `inet wsl_vpn_agent`; removed on restore and stop." },
  "apply.scope": { kind: oneOf(["auto", "interface", "routes"] as const), default: "auto", doc: "Where the MTU found goes: \"auto\" puts it on the routes of a split tunnel's prefixes and on the interface for a full tunnel; \"interface\" always on the interface; \"routes\" always on routes (a full tunnel: 0.0.0.0/1 and 128.0.0.0/1)." },
  profiles: { kind: arrayOf(profile, 0, '{"match", "mtu", "url"} objects'), default: [], doc: "Per-VPN settings for matching VPNs (case-insensitive substring of adapter name or description): `mtu`, a fixed MTU applied without probing, still verified and rolled back on failure; `url`, the probe and verification URL instead of verify.url; at least one of them." },
  "metrics.textfile": {
    kind: nullable(text("an absolute path of a file ending in .prom (no control characters)", PROM_FILE, 4096)),
    default: null,
    doc: "Where the agent writes its Prometheus metrics for node_exporter's textfile collector (usually /var/lib/prometheus/node-exporter/wsl_vpn_agent.prom), atomically and mode 0644; null writes none.",
  },
  "metrics.intervalMs": { kind: ms(1_000, 3_600_000), default: 15_000, doc: "Besides after every change, rewrite the metrics file at least this often, so its age tells a stopped agent from a quiet one." },
};

/** The table's paths, in documentation order. */
export const CONFIG_PATHS = Object.keys(CONFIG_KEYS) as ConfigPath[];

/** The spec of one path (widened for generic code). */
export function specOf(path: ConfigPath): KeySpec<unknown> {
  return CONFIG_KEYS[path];
}
