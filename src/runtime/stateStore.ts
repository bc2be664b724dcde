import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What survives a restart: the MTU before any VPN, and the last verified MTU per VPN. */
export interface PersistedState {
  readonly baselineMtu: number | null;
  readonly known: Readonly<Record<string, number>>;
}

const EMPTY: PersistedState = { baselineMtu: null, known: {} };

/**
 * `state.json` in the state directory. Writes go to a temporary file renamed over the old one, so
 * a crash leaves the old or the new state, never half of one; writes are serialised.
 */
export class StateStore {
  private chain: Promise<unknown> = Promise.resolve();
  private state: PersistedState = EMPTY;
  readonly path: string;

  constructor(
    dir: string,
    private readonly writable = true,
  ) {
    this.path = join(dir, "state.json");
  }

  /** Reads the file; a missing or unreadable one means a fresh start (and says why). */
  async load(): Promise<{ state: PersistedState; problem: string | null }> {
    try {
      const parsed = JSON.parse(await readFile(this.path, "utf8")) as Partial<PersistedState>;
      const baselineMtu = Number.isInteger(parsed.baselineMtu) ? (parsed.baselineMtu as number) : null;
      const known = Object.fromEntries(Object.entries(parsed.known ?? {}).filter(([, v]) => Number.isInteger(v)));
      this.state = { baselineMtu, known };
      return { state: this.state, problem: null };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { state: EMPTY, problem: code === "ENOENT" ? null : `ignoring ${this.path}: ${(error as Error).message}` };
    }
  }

  get current(): PersistedState {
    return this.state;
  }

  update(change: (s: PersistedState) => PersistedState): Promise<void> {
    this.state = change(this.state);
    const snapshot = this.state;
    const write = this.chain.then(() => (this.writable ? this.write(snapshot) : undefined));
    this.chain = write.catch(() => undefined);
    return write;
  }

  async flush(): Promise<void> {
    await this.chain;
  }

  private async write(state: PersistedState): Promise<void> {
    await mkdir(join(this.path, ".."), { recursive: true });
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o640 });
    await rename(tmp, this.path);
  }
}
