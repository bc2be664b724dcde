import type { Profile } from "../../machines/context.js";
import type { ApplyScope } from "../../machines/scope.js";

/** pino level names accepted by `log.level`. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The effective configuration: every key resolved (file values over defaults). The key set is
 * described once in `keys.ts`; the compiler checks that table against this interface.
 */
export interface AgentConfig {
  readonly interface: string;
  readonly baselineMtu: "auto" | number;
  readonly windows: {
    /** null: the built-in PowerShell watcher. */
    readonly watchCommand: readonly string[] | null;
    /** Absolute path of powershell.exe for the built-in watcher. */
    readonly powershell: string;
    /** null: the built-in list of VPN adapter patterns. */
    readonly vpnPatterns: readonly string[] | null;
  };
  readonly settle: { readonly quietMs: number; readonly maxWaitMs: number };
  readonly probe: {
    readonly minMtu: number;
    readonly maxMtu: number;
    readonly timeoutMs: number;
    readonly parallel: number;
    /** First policy-routing table id owned by the agent; it owns `slots` consecutive ids. */
    readonly tableBase: number;
    /** First `ip rule` priority owned by the agent; it owns `slots` consecutive priorities. */
    readonly rulePriorityBase: number;
    /** First local TCP port a probe binds to; the agent owns `slots` consecutive ports. */
    readonly localPortBase: number;
    readonly slots: number;
  };
  readonly verify: {
    readonly url: string;
    readonly caFile: string | null;
    readonly insecure: boolean;
    /** "http://host:port" to CONNECT through; null: https_proxy / HTTPS_PROXY unless no_proxy excludes the host. */
    readonly proxy: string | null;
    readonly timeoutMs: number;
  };
  readonly healthCheck: { readonly intervalMs: number };
  readonly retry: { readonly baseMs: number; readonly maxMs: number };
  readonly journal: { readonly path: string; readonly segmentBytes: number; readonly keepBytes: number };
  readonly state: { readonly dir: string };
  readonly status: { readonly socket: string };
  readonly log: { readonly level: LogLevel };
  readonly restoreOnStop: boolean;
  /** Traffic WSL forwards (Docker bridges, other namespaces). */
  readonly forward: { readonly clampMss: boolean };
  readonly apply: { readonly scope: ApplyScope };
  readonly profiles: readonly Profile[];
  /** Prometheus metrics through node_exporter's textfile collector (docs/operations.md, "Running a fleet"). */
  readonly metrics: {
    /** The `.prom` file written atomically; null: no metrics. */
    readonly textfile: string | null;
    readonly intervalMs: number;
  };
}

type Leaf = string | number | boolean | null | readonly unknown[];

/** Dotted paths of the leaves of T, e.g. "probe.minMtu". */
export type LeafPath<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends Leaf ? `${P}${K}` : LeafPath<T[K], `${P}${K}.`>;
}[keyof T & string];

/** The type of the leaf at dotted path P. */
export type ValueAt<T, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? ValueAt<T[H], R>
    : never
  : P extends keyof T
    ? T[P]
    : never;

export type ConfigPath = LeafPath<AgentConfig>;
