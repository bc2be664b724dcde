import { execa, type ResultPromise } from "execa";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventually } from "../sources/eventually.js";

const receiverPy = fileURLToPath(new URL("../fixtures/notify/receiver.py", import.meta.url));

/** `systemd-notify --help`, or null when it is not installed. */
export const notifyHelp: string | null = await execa("systemd-notify", ["--help"], { reject: false }).then((r) => (r.failed ? null : r.stdout));
const hasPython = !(await execa("python3", ["--version"], { reject: false })).failed;
/** True when a fake NOTIFY_SOCKET can be made and the real systemd-notify can talk to it. */
export const canReceiveNotify = notifyHelp !== null && hasPython;
if (!canReceiveNotify) console.warn("skipping systemd notify socket tests: they need systemd-notify and python3");

/**
 * A fake NOTIFY_SOCKET (the python fixture, since Node has no AF_UNIX SOCK_DGRAM): the datagrams
 * it received, in order. Close it when done.
 */
export class NotifySocket {
  readonly messages: string[] = [];
  private constructor(
    readonly path: string,
    private readonly child: ResultPromise,
  ) {}

  static async open(dir: string): Promise<NotifySocket> {
    const path = join(dir, "notify.sock");
    const child = execa("python3", [receiverPy, path], { reject: false, buffer: false, stdin: "ignore" });
    const socket = new NotifySocket(path, child);
    let rest = "";
    child.stdout?.on("data", (c: Buffer) => {
      const lines = (rest + c.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) socket.messages.push(JSON.parse(line) as string);
    });
    try {
      await eventually(() => socket.messages[0] === "bound", "the notify socket fixture to bind");
    } catch (error) {
      await socket.close();
      throw error;
    }
    socket.messages.shift();
    return socket;
  }

  /** Datagrams carrying `assignment` (e.g. `READY=1`) as one of their lines. */
  with(assignment: string): string[] {
    return this.messages.filter((m) => m.split("\n").includes(assignment));
  }

  /** Waits until `count` datagrams carry `assignment`. */
  async waitFor(assignment: string, count = 1, limitMs = 15_000): Promise<string[]> {
    try {
      await eventually(() => this.with(assignment).length >= count, `${count} × ${assignment} at the notify socket`, limitMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; received ${JSON.stringify(this.messages)}`, { cause: error });
    }
    return this.with(assignment);
  }

  async close(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.child;
  }
}
