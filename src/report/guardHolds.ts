import { agentMachine, type AgentContext, type AgentEvent } from "../../machines/index.js";
import { combinator } from "../viz/combinator.js";

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
  const c = combinator(guard);
  if (c !== null) {
    const parts = c.guards.map((x) => holds(x, context, event));
    return c.op === "and" ? parts.every(Boolean) : c.op === "or" ? parts.some(Boolean) : !parts[0];
  }
  if (typeof guard === "function") return (guard as GuardFn)({ context, event });
  return false;
}
