/** A time window over a journal, in epoch ms; null means open on that side. */
export interface Window {
  readonly since: number | null;
  readonly until: number | null;
}

export const WHOLE: Window = { since: null, until: null };

/** Whether a record's time falls inside the window. Pure. */
export function inWindow(w: Window, t: number): boolean {
  return (w.since === null || t >= w.since) && (w.until === null || t <= w.until);
}
