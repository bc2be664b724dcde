import { access, constants, mkdir, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { onConfigPath } from "../config/pathError.js";
import { readBounded } from "../fs/readBounded.js";
import { storedState } from "./storedState.js";

/** What survives a restart: the MTU before any VPN, and the last verified MTU per VPN. */
export interface PersistedState {
  /** The managed interface's baseline (the only one before interfaces were chosen: then the configured interface's). */
  readonly baselineMtu: number | null;
  readonly known: Readonly<Record<string, number>>;
  /** The baseline per interface; absent in files of versions that kept one baseline. */
  readonly baselines?: Readonly<Record<string, number>>;
}

const EMPTY: PersistedState = { baselineMtu: null, known: {} };

/** Far more than the agent writes (the known MTUs are bounded to 64 KiB of JSON): a runaway file costs at most this. */
const MAX_STATE_BYTES = 1024 * 1024;

/**
 * `state.json` in the state directory. Writes go to a temporary file renamed over the old one, so
 * a crash leaves the old or the new state, never half of one; writes are serialised.
 */
export class StateStore {
  private chain: Promise<unknown> = Promise.resolve();
  private state: PersistedState = EMPTY;
  readonly path: string;

  constructor(
    private readonly dir: string,
    private readonly writable = true,
    /** The config key `dir` came from, named in errors. */
    private readonly key = "state.dir",
  ) {
    this.path = join(dir, "state.json");
  }

  /**
   * Reads the file; a missing or unreadable one means a fresh start (and says why), an entry that
   * cannot be used is left out (`ignored` says which and why, src/runtime/storedState.ts). A writable
   * store first makes sure its directory can be written: a bad `state.dir` fails at start (78, or
   * 77 for permission), not at the first write.
   */
  async load(): Promise<{ state: PersistedState; problem: string | null; ignored: readonly string[] }> {
    if (this.writable) await this.ensureDir();
    try {
      // Opening a FIFO would wait for a writer for ever: only a regular file is read.
      if (!(await stat(this.path)).isFile()) return { state: EMPTY, problem: `ignoring ${this.path}: not a regular file`, ignored: [] };
      const { state, ignored } = storedState(JSON.parse((await readBounded(this.path, MAX_STATE_BYTES)).toString("utf8")), this.path);
      this.state = state;
      return { state, problem: null, ignored };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { state: EMPTY, problem: code === "ENOENT" ? null : `ignoring ${this.path}: ${(error as Error).message}`, ignored: [] };
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

  private ensureDir(): Promise<void> {
    return onConfigPath(this.key, "write to", this.dir, async () => {
      await mkdir(this.dir, { recursive: true });
      await access(this.dir, constants.W_OK);
    });
  }

  private async write(state: PersistedState): Promise<void> {
    await this.ensureDir();
    const tmp = `${this.path}.tmp`;
    await onConfigPath(this.key, "write", this.path, async () => {
      await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o640 });
      await rename(tmp, this.path);
    });
  }
}

/**
 * The stored baseline of `iface`. A file of a version that kept one baseline holds that of the
 * interface it managed: `legacyOwner` (the configured interface, or eth0, the old default, for
 * "auto"). Pure.
 */
export function storedBaseline(state: PersistedState, iface: string, legacyOwner: string): number | null {
  if (state.baselines !== undefined) return state.baselines[iface] ?? null;
  return iface === legacyOwner ? state.baselineMtu : null;
}
