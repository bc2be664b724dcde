/** Fields a log line carries when its call does not set them itself. */
export type FieldSource = () => Readonly<Record<string, unknown>>;

/**
 * What every line of a running agent says about its moment (the VPN up, the interface managed, the
 * MTU in force), read when the line is written. The logger exists before the agent does: the agent
 * plugs its source in once it has a machine.
 */
export class LogFields {
  private source: FieldSource = () => ({});

  set(source: FieldSource): void {
    this.source = source;
  }

  /** pino's `mixin`. */
  readonly read = (): Readonly<Record<string, unknown>> => this.source();
}

/**
 * pino's mixinMergeStrategy: the call's own fields win and keep their order (last before `msg`);
 * the moment's fields the call did not set come first. Pure.
 */
export function underCallFields(call: object, moment: object): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(moment)) if (!Object.hasOwn(call, k) && v !== undefined) out[k] = v;
  return Object.assign(out, call);
}
