import type { ProbeEvidence, SizeResult } from "../../machines/index.js";
import { arrayOf, nullable, object, optional } from "./shape.js";
import { bool, count, millis, mtu, oneOf, str } from "./values.js";

const size = object<SizeResult>({ mtu, pass: bool, attempts: count, round: count, ms: millis, reason: optional(str) });

/** The evidence a `probe.done` carries: the report draws every field of it. */
export const evidenceShape = object<ProbeEvidence>({
  method: oneOf("parallel", "sequential"),
  rounds: count,
  durationMs: millis,
  sizes: arrayOf(size),
  icmp: optional(nullable(object<NonNullable<ProbeEvidence["icmp"]>>({ low: mtu, high: mtu, ms: millis }))),
  notes: optional(arrayOf(str)),
});
