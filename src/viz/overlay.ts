/** What a journal adds to the diagram: how often each state was entered and each transition taken. */
export interface Overlay {
  /** Visits per state id (atomic states and their ancestors). */
  readonly visits: ReadonlyMap<string, number>;
  /** Times taken per edge id. */
  readonly taken: ReadonlyMap<string, number>;
}

/** An id safe in SVG/HTML (`s_Applied.steady`, `e_Probing_probe.done_0`): the page looks elements up by it. Pure. */
export function domId(kind: "s" | "e", id: string): string {
  return `${kind}_${id.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}
