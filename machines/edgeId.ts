import type { AnyStateNode } from "xstate";

/** Source of transitions declared on the machine itself: they apply in any state. */
export const ANY_STATE = "*";

/** The parts of an XState transition definition the graph reads. */
export interface Transition {
  readonly source: AnyStateNode;
  readonly target: readonly AnyStateNode[] | undefined;
  readonly eventType: string;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
  readonly reenter: boolean;
}

/** Dotted id of a state node without the machine id (`Applied.steady`); the root is `ANY_STATE`. Pure. */
export function stateId(node: AnyStateNode): string {
  return node.path.length === 0 ? ANY_STATE : node.path.join(".");
}

/**
 * Stable id of a transition: declaring state, event (`always` for eventless) and its index among
 * that state's transitions for the event. The graph and the journal tracer both derive it. Pure.
 */
export function edgeId(t: Transition): string {
  const list = (t.eventType === "" ? t.source.always : t.source.transitions.get(t.eventType)) ?? [];
  const index = (list as readonly unknown[]).indexOf(t);
  return `${stateId(t.source)}:${t.eventType === "" ? "always" : t.eventType}:${index}`;
}
