import { effectNames, type EffectName } from "../../machines/index.js";
import { combinator } from "./combinator.js";

type Action = unknown;

/** Param keys whose value does not depend on the context much and says what the effect is for. */
const telling = ["timer", "reason"] as const;

/**
 * Names of a machine action as written in the definition: a string, `{ type, params }`, or an
 * action creator (`assign`, `enqueueActions`). Params functions are evaluated against `context`
 * to show telling static values (`applyMtu(rollback)`, `scheduleTimer(health)`). What an
 * `enqueueActions` block enqueues for `context` is listed with a `?`: it is conditional. Pure.
 */
export function actionLabels(action: Action, context: unknown): string[] {
  const collect = typeof action === "function" ? (action as { collect?: unknown }).collect : undefined;
  if (typeof collect === "function") return enqueued(collect, context);
  return [actionLabel(action, context)];
}

function actionLabel(action: Action, context: unknown): string {
  if (typeof action === "string") return action;
  if (typeof action === "function") return actionCreatorName(action as { type?: unknown });
  if (typeof action !== "object" || action === null) return String(action);
  const { type, params } = action as { type?: unknown; params?: unknown };
  const name = typeof type === "string" ? type : "?";
  const values = paramValues(params, context);
  return values.length === 0 ? name : `${name}(${values.join(", ")})`;
}

/** True when the action is an effect the shell runs (not a context update). Pure. */
export function isEffect(label: string): boolean {
  const name = label.replace(/[(?].*$/, "");
  return effectNames.includes(name as EffectName) || name === "enqueueActions";
}

/** Label of a guard: its name, or a combination such as `isCurrent and probeInRange`. Pure. */
export function guardLabel(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === "string") return guard;
  if (typeof guard === "object" && "type" in guard && typeof guard.type === "string") return guard.type;
  const c = combinator(guard);
  if (c?.op === "not") return `not ${guardLabel(c.guards[0]) ?? "?"}`;
  if (c !== null) return c.guards.map((x) => guardLabel(x) ?? "?").join(` ${c.op} `);
  if (typeof guard === "function") return guard.name !== "" ? guard.name : "guard";
  return "guard";
}

function enqueued(collect: unknown, context: unknown): string[] {
  const seen: unknown[] = [];
  const enqueue = (a: unknown): void => void seen.push(a);
  try {
    (collect as (a: unknown) => void)({ context, event: { type: "xstate.init" }, enqueue, check: () => true });
  } catch {
    return ["enqueueActions"];
  }
  return seen.length === 0 ? ["enqueueActions"] : seen.map((a) => `${actionLabel(a, context)}?`);
}

function actionCreatorName(fn: { type?: unknown }): string {
  // Built-ins carry their kind as `type` (`xstate.assign`); show it without the prefix.
  return typeof fn.type === "string" ? fn.type.replace(/^xstate\./, "") : "action";
}

function paramValues(params: unknown, context: unknown): string[] {
  let resolved: unknown = params;
  if (typeof params === "function") {
    try {
      resolved = (params as (a: unknown) => unknown)({ context, event: { type: "xstate.init" } });
    } catch {
      return [];
    }
  }
  if (typeof resolved !== "object" || resolved === null) return [];
  const record = resolved as Record<string, unknown>;
  return telling.flatMap((k) => (typeof record[k] === "string" ? [record[k]] : []));
}
