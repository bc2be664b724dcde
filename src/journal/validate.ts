import type { AgentEvent, AgentEventType, PathTarget } from "../../machines/index.js";
import { checkpointProblem, probeTargetShape, vpnShape as vpn } from "./checkpointShape.js";
import { prefixes } from "./tunnelShape.js";
import { evidenceShape } from "./evidenceShape.js";
import { inputShape } from "./inputShape.js";
import { READABLE_VERSIONS, type JournalRecord } from "./record.js";
import { arrayOf, describeMismatch, isObject, nullable, object, optional, type Shape } from "./shape.js";
import { count, ifaceName, linkMtu, mtu, oneOf, str } from "./values.js";
import { preview } from "../text/preview.js";

const isInt = (v: unknown): v is number => Number.isInteger(v);
/** What `Date.prototype.toISOString` writes (the agent's own times), with or without milliseconds, in UTC or with an offset. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const isStr = (v: unknown): v is string => typeof v === "string";

/** The fields of one event type, without `type`. */
type Fields<K extends AgentEventType> = Omit<Extract<AgentEvent, { type: K }>, "type">;

/** Shape of each event type: every field the machine or the report reads. */
/** The interface a settled network routes the target through (absent in older journals). */
const ifaceShape = optional(object<NonNullable<Fields<"network.settled">["iface"]>>({ name: ifaceName, mtu: linkMtu }));

/** A VPN path's key (machines/paths.ts: the VPN's name and description). */
const pathKey = str;
const pathTargetShape = object<PathTarget>({ vpn, probeTarget: optional(probeTargetShape) });

const eventShapes: { readonly [K in AgentEventType]: Shape } = {
  "network.settled": object<Fields<"network.settled">>({ vpn: nullable(vpn), probeTarget: optional(probeTargetShape), iface: ifaceShape, tunnels: optional(arrayOf(vpn)), targets: optional(arrayOf(pathTargetShape)) }),
  "link.mtu": object<Fields<"link.mtu">>({ mtu: linkMtu, iface: optional(ifaceName) }),
  "probe.done": object<Fields<"probe.done">>({ workId: count, mtu, evidence: evidenceShape , path: optional(pathKey)}),
  "probe.failed": object<Fields<"probe.failed">>({ workId: count, reason: str, evidence: optional(evidenceShape) , path: optional(pathKey)}),
  // An apply may restore the baseline, which is whatever the link had.
  "apply.done": object<Fields<"apply.done">>({ workId: count, mtu: linkMtu, routes: optional(prefixes), iface: optional(ifaceName), notOwned: optional(prefixes) , path: optional(pathKey)}),
  "apply.failed": object<Fields<"apply.failed">>({ workId: count, mtu: linkMtu, reason: str, routes: optional(prefixes), iface: optional(ifaceName) , path: optional(pathKey)}),
  "verify.passed": object<Fields<"verify.passed">>({ workId: count , path: optional(pathKey)}),
  "verify.failed": object<Fields<"verify.failed">>({ workId: count, reason: str , path: optional(pathKey)}),
  "timer.fired": object<Fields<"timer.fired">>({ timer: oneOf("health", "retry"), id: count , path: optional(pathKey)}),
  "agent.stop": object<Fields<"agent.stop">>({}),
};

/** Why `value` is not a journal record, or null when it is one. Pure. */
export function recordProblem(value: unknown): string | null {
  if (!isObject(value)) return "not a JSON object";
  if (!READABLE_VERSIONS.includes(value.v as number)) return `unsupported format version ${preview(value.v)} (expected one of ${READABLE_VERSIONS.join(", ")})`;
  if (!isInt(value.seq) || value.seq < 0) return "seq must be a non-negative integer";
  if (!isStr(value.at) || !ISO_TIME.test(value.at) || Number.isNaN(Date.parse(value.at))) return `at must be an ISO 8601 time like 2026-11-25T09:00:00.250Z, got ${preview(value.at)}`;
  if (!isStr(value.state)) return "state must be a string";
  return eventProblem(value.event, value.v as number);
}

function eventProblem(event: unknown, version: number): string | null {
  if (!isObject(event) || !isStr(event.type)) return "event must be an object with a string type";
  if (event.type === "xstate.init") return inputProblem(event.input);
  // Version 1 journals never had checkpoints: one there was not written by the agent.
  if (event.type === "journal.checkpoint" && version >= 2) return checkpointProblem(event.snapshot);
  if (!Object.hasOwn(eventShapes, event.type)) return `unknown event type ${preview(event.type)}`;
  const mismatch = eventShapes[event.type as AgentEventType](event);
  return mismatch === null ? null : `event ${event.type}: field ${describeMismatch(mismatch)}`;
}

function inputProblem(input: unknown): string | null {
  const mismatch = inputShape(input);
  return mismatch === null ? null : `xstate.init: ${describeMismatch(mismatch, "input")}`;
}

/** Narrows a parsed line to a record, or returns the problem. Pure. */
export function asRecord(value: unknown): JournalRecord | string {
  const problem = recordProblem(value);
  return problem === null ? (value as JournalRecord) : problem;
}
