import { evidenceShape } from "../journal/evidenceShape.js";
import { arrayOf, describeMismatch, isObject, leaf, nullable, object, optional, type Shape } from "../journal/shape.js";
import { tunnelShape } from "../journal/tunnelShape.js";
import type { WatcherHealth } from "../sources/index.js";
import type { ProbeTarget } from "../../machines/index.js";
import type { AgentStatus, PathStatus, RecentEvent } from "./contract.js";

const str = leaf("a string", (v) => typeof v === "string");
const bool = leaf("true or false", (v) => typeof v === "boolean");
const num = leaf("a number", (v) => typeof v === "number" && Number.isFinite(v));
const count = leaf("a non-negative integer", (v) => Number.isSafeInteger(v) && (v as number) >= 0);

const vpnShape = object<NonNullable<AgentStatus["vpn"]>>({ name: str, description: str, mtuHint: nullable(num), tunnel: optional(tunnelShape) });
const targetShape = object<ProbeTarget>({ url: str, address: str });
const routesShape = object<NonNullable<AgentStatus["routes"]>>({ prefixes: arrayOf(str), mtu: num });
const found = object<{ ok: true; at: string; mtu: number; evidence: unknown }>({ ok: bool, at: str, mtu: num, evidence: evidenceShape });
const failed = object<{ ok: false; at: string; reason: string; evidence: unknown }>({ ok: bool, at: str, reason: str, evidence: evidenceShape });
/** A found MTU or a reason, with its evidence either way (LastProbe). */
const lastProbe: Shape = (v) => (isObject(v) && v.ok === true ? found(v) : failed(v));

/**
 * `GET /status` as `status`, its text rows and the live view read it: every field of AgentStatus
 * they use, with its type. The agent may send more (fields are only added).
 */
const statusShape = object<Omit<AgentStatus, "watcher" | "startedAt"> & { watcher: Pick<WatcherHealth, "running" | "lastError"> }>({
  state: str,
  vpn: nullable(vpnShape),
  interface: str,
  mtu: num,
  baseline: num,
  appliedMtu: nullable(num),
  lastError: nullable(str),
  routes: optional(nullable(object<NonNullable<AgentStatus["routes"]>>({ prefixes: arrayOf(str), mtu: num }))),
  tunnelRoutes: optional(
    nullable(
      object<NonNullable<AgentStatus["tunnelRoutes"]>>({
        source: leaf('"adapter"', (v) => v === "adapter"),
        routes: arrayOf(object<NonNullable<AgentStatus["tunnelRoutes"]>["routes"][number]>({ prefix: str, mtu: num, tunnels: arrayOf(str) })),
        notOwned: arrayOf(str),
      }),
    ),
  ),
  lastProbe: nullable(lastProbe),
  tunnels: optional(arrayOf(vpnShape)),
  paths: optional(arrayOf(object<PathStatus>({ vpn: nullable(vpnShape), state: str, appliedMtu: nullable(num), routes: nullable(routesShape), lastError: nullable(str), target: nullable(targetShape) }))),
  target: optional(nullable(targetShape)),
  counters: object<AgentStatus["counters"]>({ badWatcherLines: count, watcherRestarts: count, rollbacks: count, events: count }),
  watcher: object<Pick<WatcherHealth, "running" | "lastError">>({ running: bool, lastError: nullable(str) }),
  dryRun: bool,
  uptimeS: num,
  pid: count,
  journal: str,
  recent: arrayOf(object<RecentEvent>({ seq: count, at: str, event: str, state: str })),
  // Only the metrics read it (in the agent that served it): the readers need no more than an object.
  metrics: optional(leaf("an object", isObject)),
});

/** Why a parsed status reply is not an AgentStatus the readers can use, or null. Pure. */
export function statusProblem(value: unknown): string | null {
  const mismatch = statusShape(value);
  return mismatch === null ? null : describeMismatch(mismatch);
}
