import type { Logger } from "../log/index.js";
import { errorMessage } from "../errors.js";
import { writeAtomic } from "./writeAtomic.js";

export interface TextfileWriterOptions {
  readonly path: string;
  /** The file's text now (renderMetrics of the status). */
  readonly render: () => string;
  /** Rewrite at least this often, changed or not: the file's age says the agent is alive. */
  readonly intervalMs: number;
  readonly log: Logger;
}

/**
 * Keeps the metrics file current: `changed()` after each step writes when the text differs from
 * the last written one, and a timer rewrites it every intervalMs. Writes run one at a time, each
 * with the text of its moment. A failed write is logged (once per distinct reason) and retried at
 * the next change or tick: metrics never stop the agent.
 */
export class TextfileWriter {
  private written: string | null = null;
  private writing: Promise<void> | null = null;
  private again = false;
  private failure: string | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: TextfileWriterOptions) {
    this.timer = setInterval(() => this.write(true), o.intervalMs);
    this.write(true);
  }

  /** Something the metrics show may have changed: write if the text did. */
  changed(): void {
    this.write(false);
  }

  /** Stops the timer and writes the last text (the final state), waiting for it. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.write(true);
    while (this.writing !== null) await this.writing;
  }

  private write(always: boolean): void {
    if (!always && this.o.render() === this.written) return;
    if (this.writing !== null) {
      this.again = true;
      return;
    }
    this.writing = this.flush().finally(() => {
      this.writing = null;
      if (this.again) {
        this.again = false;
        this.write(true);
      }
    });
  }

  private async flush(): Promise<void> {
    const text = this.o.render();
    try {
      await writeAtomic(this.o.path, text);
      this.written = text;
      if (this.failure !== null) this.o.log.info({ event: "metrics.write_recovered", path: this.o.path }, `metrics: writing ${this.o.path} again`);
      this.failure = null;
    } catch (error) {
      const reason = errorMessage(error);
      if (reason !== this.failure) this.o.log.error({ event: "metrics.write_failed", path: this.o.path, reason }, `metrics: cannot write ${this.o.path} (metrics.textfile): ${reason}; the agent goes on without metrics and retries`);
      this.failure = reason;
    }
  }
}
