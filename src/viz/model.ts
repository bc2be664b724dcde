/** The machine as a graph: what every renderer (mermaid, dot, svg, json, report, live page) draws. */
export interface GraphNode {
  /** Dotted path without the machine id, e.g. `Applied.steady`. */
  readonly id: string;
  readonly key: string;
  /** Id of the enclosing state, or null for a top-level state. */
  readonly parent: string | null;
  readonly kind: "atomic" | "compound" | "final";
  /** Id of the child entered first (compound states only). */
  readonly initial: string | null;
  /** Named actions run on entry/exit, effects labelled with their static params, e.g. `scheduleTimer(health)`. */
  readonly entry: readonly string[];
  readonly exit: readonly string[];
  /** Timers this state arms on entry: `timer.fired` transitions out of it answer them. */
  readonly timers: readonly string[];
}

// The graph names the machine's root with the same id as the transitions' ids (edgeId.ts).
export { ANY_STATE } from "../../machines/edgeId.js";

export interface GraphEdge {
  /** `source:event:index`, stable for a given machine definition (see `edgeId`). */
  readonly id: string;
  /** Id of the declaring state, or `ANY_STATE`. */
  readonly source: string;
  /** Id of the target state; equals `source` for a transition without target (`internal`). */
  readonly target: string;
  /** Event type, or null for an eventless (`always`) transition. */
  readonly event: string | null;
  readonly guard: string | null;
  /** Every named action the transition runs, in order. */
  readonly actions: readonly string[];
  /** The subset of `actions` that are effects run by the shell (applyMtu, startProbe, verify, ...). */
  readonly effects: readonly string[];
  /** No target: the transition only updates context and runs actions; the state is not left. */
  readonly internal: boolean;
  /** The source is exited and entered again. */
  readonly reenter: boolean;
}

export interface MachineGraph {
  readonly id: string;
  /** Id of the state entered at start. */
  readonly initial: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Short human label of an edge: `event [guard] / effects`. Pure. */
export function edgeLabel(edge: GraphEdge, timers: readonly string[] = []): string {
  const event = edge.event === null ? "always" : edge.event === "timer.fired" && timers.length > 0 ? `timer.fired(${timers.join("|")})` : edge.event;
  const guard = edge.guard === null ? "" : ` [${edge.guard}]`;
  const effects = edge.effects.length === 0 ? "" : ` / ${edge.effects.join(", ")}`;
  return `${event}${guard}${effects}`;
}
