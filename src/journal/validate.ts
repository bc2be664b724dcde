import type { AgentEventType } from "../../machines/index.js";
import { JOURNAL_VERSION, type JournalRecord } from "./record.js";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isStr = (v: unknown): v is string => typeof v === "string";

/** Fields each event type must carry, with a check per field. */
const eventFields: Record<AgentEventType, Record<string, (v: unknown) => boolean>> = {
  "network.settled": { vpn: (v) => v === null || (isObject(v) && isStr(v.name) && isStr(v.description) && (v.mtuHint === null || isInt(v.mtuHint))) },
  "link.mtu": { mtu: isInt },
  "probe.done": { workId: isInt, mtu: isInt, evidence: isObject },
  "probe.failed": { workId: isInt, reason: isStr },
  "apply.done": { workId: isInt, mtu: isInt },
  "apply.failed": { workId: isInt, mtu: isInt, reason: isStr },
  "verify.passed": { workId: isInt },
  "verify.failed": { workId: isInt, reason: isStr },
  "timer.fired": { timer: (v) => v === "health" || v === "retry", id: isInt },
  "agent.stop": {},
};

const inputFields = ["minMtu", "maxMtu", "baselineMtu", "currentMtu", "healthIntervalMs", "retryBaseMs", "retryMaxMs"] as const;

/** Why `value` is not a journal record, or null when it is one. Pure. */
export function recordProblem(value: unknown): string | null {
  if (!isObject(value)) return "not a JSON object";
  if (value.v !== JOURNAL_VERSION) return `unsupported format version ${JSON.stringify(value.v)} (expected ${JOURNAL_VERSION})`;
  if (!isInt(value.seq) || value.seq < 0) return "seq must be a non-negative integer";
  if (!isStr(value.at) || Number.isNaN(Date.parse(value.at))) return "at must be an ISO 8601 time";
  if (!isStr(value.state)) return "state must be a string";
  return eventProblem(value.event);
}

function eventProblem(event: unknown): string | null {
  if (!isObject(event) || !isStr(event.type)) return "event must be an object with a string type";
  if (event.type === "xstate.init") return inputProblem(event.input);
  const fields = eventFields[event.type as AgentEventType] as Record<string, (v: unknown) => boolean> | undefined;
  if (fields === undefined) return `unknown event type ${JSON.stringify(event.type)}`;
  for (const [name, ok] of Object.entries(fields)) {
    if (!ok(event[name])) return `event ${event.type}: field ${name} is missing or has the wrong type`;
  }
  return null;
}

function inputProblem(input: unknown): string | null {
  if (!isObject(input)) return "xstate.init: input must be an object";
  for (const name of inputFields) if (!isInt(input[name])) return `xstate.init: input.${name} must be an integer`;
  if (!Array.isArray(input.profiles) || !isObject(input.known)) return "xstate.init: input.profiles and input.known are required";
  return null;
}

/** Narrows a parsed line to a record, or returns the problem. Pure. */
export function asRecord(value: unknown): JournalRecord | string {
  const problem = recordProblem(value);
  return problem === null ? (value as JournalRecord) : problem;
}

