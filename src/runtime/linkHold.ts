/**
 * While a probe has the interface raised to measure above its MTU (src/probe/raise.ts), the link
 * changes are the probe's own, not WSL's: the agent holds them back from the machine, which never
 * sees the temporary MTU. Probes may overlap (a superseded one still ending), so holds count.
 */
export class LinkHold {
  private holds = 0;
  /** The probe's `onRaise`: true before it may raise the interface, false once it is back. */
  readonly set = (raising: boolean): void => {
    this.holds = Math.max(0, this.holds + (raising ? 1 : -1));
  };
  get held(): boolean {
    return this.holds > 0;
  }
}
