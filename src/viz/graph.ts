import type { AnyStateMachine, AnyStateNode } from "xstate";
import { agentMachine, start, type AgentInput } from "../../machines/index.js";
import { edgeId, stateId, type Transition } from "../../machines/edgeId.js";
import { actionLabels, guardLabel, isEffect } from "./labels.js";
import { ANY_STATE, type GraphEdge, type GraphNode, type MachineGraph } from "./model.js";

/**
 * A plausible input, only used to evaluate action params for labels (`applyMtu(rollback)`). The
 * link starts off its baseline so conditional effects (restore on stop) show up in labels.
 */
const labelInput: AgentInput = {
  minMtu: 1280,
  maxMtu: 1500,
  baselineMtu: 1500,
  baselineFixed: false,
  currentMtu: 1400,
  profiles: [],
  known: {},
  healthIntervalMs: 60_000,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  restoreOnStop: true,
};

/**
 * The graph of a machine, read from its state nodes (never from a hand-written copy): every state,
 * every transition (event, guard, target, actions), entry/exit actions and armed timers. Pure.
 */
export function machineGraph(machine: AnyStateMachine = agentMachine): MachineGraph {
  const context: unknown = machine === agentMachine ? start(labelInput)[0].context : undefined;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const visit = (node: AnyStateNode): void => {
    if (node !== machine.root) nodes.push(toNode(node, context));
    edges.push(...transitionsOf(node).map((t) => toEdge(t, context)));
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);
  const initial = machine.root.initial.target[0];
  return { id: machine.root.id, initial: initial === undefined ? "" : stateId(initial), nodes, edges };
}

/** Transitions declared on a node, in definition order: events first, then eventless ones. */
export function transitionsOf(node: AnyStateNode): Transition[] {
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])] as Transition[];
}

function toNode(node: AnyStateNode, context: unknown): GraphNode {
  const entry = node.entry.flatMap((a) => actionLabels(a, context));
  const initial = node.type === "compound" ? node.initial.target[0] : undefined;
  const parent = node.parent;
  return {
    id: stateId(node),
    key: node.key,
    parent: parent === undefined || parent.parent === undefined ? null : stateId(parent),
    kind: node.type === "compound" ? "compound" : node.type === "final" ? "final" : "atomic",
    initial: initial === undefined ? null : stateId(initial),
    entry,
    exit: node.exit.flatMap((a) => actionLabels(a, context)),
    timers: entry.flatMap((label) => /^scheduleTimer\((\w+)\)$/.exec(label)?.slice(1) ?? []),
  };
}

function toEdge(t: Transition, context: unknown): GraphEdge {
  const source = t.source.parent === undefined ? ANY_STATE : stateId(t.source);
  const target = t.target?.[0];
  const actions = t.actions.flatMap((a) => actionLabels(a, context));
  return {
    id: edgeId(t),
    source,
    target: target === undefined ? source : stateId(target),
    event: t.eventType === "" ? null : t.eventType,
    guard: guardLabel(t.guard),
    actions,
    effects: actions.filter(isEffect),
    internal: target === undefined,
    reenter: t.reenter,
  };
}
