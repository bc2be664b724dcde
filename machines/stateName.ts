/** Value of a machine snapshot: a state name or a nested object of them. */
export type StateValueLike = string | { readonly [key: string]: StateValueLike | undefined };

/** Dotted name of the active state, e.g. `Applied.steady`. Pure. */
export function dottedState(value: StateValueLike): string {
  if (typeof value === "string") return value;
  const [key, child] = Object.entries(value)[0] ?? ["", undefined];
  if (child === undefined || (typeof child === "object" && Object.keys(child).length === 0)) return key;
  return `${key}.${dottedState(child)}`;
}
