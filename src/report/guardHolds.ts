import { agentMachine, type AgentContext, type AgentEvent } from "../../machines/index.js";

type GuardFn = (args: { context: AgentContext; event: AgentEvent }) => boolean;

/**
 * Evaluates a transition's guard as written in the machine: a named guard, or `and`/`or`/`not` of
 * them. Only used to tell which eventless transition fired; XState does not expose that. Pure.
 */
export function holds(guard: unknown, context: AgentContext, event: AgentEvent): boolean {
  if (guard === undefined || guard === null) return true;
  const named = (name: string): boolean => {
    const fn = (agentMachine.implementations.guards as Record<string, GuardFn | undefined>)[name];
    return fn === undefined ? false : fn({ context, event });
  };
  if (typeof guard === "string") return named(guard);
  if (typeof guard === "object" && "type" in guard && typeof guard.type === "string") return named(guard.type);
  if (typeof guard === "function") {
    const g = guard as { name?: string; guards?: unknown[] };
    const parts = (g.guards ?? []).map((x) => holds(x, context, event));
    if (g.name === "and") return parts.every(Boolean);
    if (g.name === "or") return parts.some(Boolean);
    if (g.name === "not") return !parts[0];
    return (guard as GuardFn)({ context, event });
  }
  return false;
}
