import { pathsFromCheckpoint, type AgentContext, type Checkpoint, type PathsCheckpoint, type VpnInfo } from "../../machines/index.js";
import { evidenceShape } from "./evidenceShape.js";
import { inputShape } from "./inputShape.js";
import { describeMismatch, nullable, object, optional, recordOf, type Shape } from "./shape.js";
import { prefixes, tunnelShape } from "./tunnelShape.js";
import { bool, count, ifaceName, ipv4, linkMtu, mtu, oneOf, str, windowsMtu } from "./values.js";

export const vpnShape = object<VpnInfo>({ name: str, description: str, mtuHint: nullable(windowsMtu), tunnel: optional(tunnelShape) });

/** The probe URL and the IPv4 address it resolved to (`network.settled`, the context). */
export const probeTargetShape = object<NonNullable<AgentContext["probeTarget"]>>({ url: str, address: ipv4 });

/** Every field of the machine's context: replay resumes from it as is. */
const contextShape = object<AgentContext>({
  input: inputShape,
  // Absent in checkpoints written before interfaces were chosen (fromCheckpoint fills in null).
  iface: optional(nullable(ifaceName)),
  // Read from the link, as in the input.
  baselineMtu: linkMtu,
  currentMtu: linkMtu,
  vpn: nullable(vpnShape),
  settled: bool,
  known: recordOf(mtu),
  workId: count,
  target: nullable(object<NonNullable<AgentContext["target"]>>({ mtu, source: oneOf("probe", "profile", "known") })),
  previousMtu: nullable(linkMtu),
  appliedMtu: nullable(mtu),
  timerIds: object<AgentContext["timerIds"]>({ health: count, retry: count }),
  vpnRetries: count,
  restoreRetries: count,
  lastProbe: nullable(evidenceShape),
  lastError: nullable(str),
  rollbacks: count,
  pendingApplies: count,
  // Absent in checkpoints written before split tunnels.
  routes: optional(nullable(object<NonNullable<AgentContext["routes"]>>({ prefixes, mtu }))),
  probeTarget: optional(nullable(probeTargetShape)),
});

const valueShape: Shape = (v) => (stateValue(v) ? null : { path: "", expected: "a state name or an object of them", got: v });

/** Why a checkpoint's `snapshot` cannot be resumed from, or null. Pure. */
export function checkpointProblem(snapshot: unknown): string | null {
  const one = object<Checkpoint>({ value: valueShape, context: contextShape });
  const mismatch = object<PathsCheckpoint>({ value: valueShape, context: contextShape, others: optional(recordOf(one)), retiredKnown: optional(recordOf(mtu)) })(snapshot);
  if (mismatch !== null) return `journal.checkpoint: ${describeMismatch(mismatch, "snapshot")}`;
  try {
    pathsFromCheckpoint(snapshot as PathsCheckpoint);
    return null;
  } catch (error) {
    return `journal.checkpoint: snapshot.value: ${(error as Error).message}`;
  }
}

function stateValue(v: unknown, depth = 0): boolean {
  if (typeof v === "string") return true;
  if (depth > 8 || typeof v !== "object" || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((child) => stateValue(child, depth + 1));
}
