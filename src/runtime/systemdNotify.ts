import { execa } from "execa";

/**
 * Talks to systemd through `systemd-notify` (needs `NotifyAccess=all`): readiness, watchdog pings
 * and stopping. Does nothing outside a `Type=notify` service, and a failure never stops the agent.
 */
export class SystemdNotifier {
  private watchdog: NodeJS.Timeout | null = null;
  private readonly enabled = process.env.NOTIFY_SOCKET !== undefined && process.env.NOTIFY_SOCKET !== "";

  async ready(status: string): Promise<void> {
    await this.send(["--ready", `--status=${status}`]);
    const usec = Number(process.env.WATCHDOG_USEC);
    if (this.enabled && Number.isFinite(usec) && usec > 0) {
      // Ping at half the interval, as sd_watchdog_enabled(3) advises.
      this.watchdog = setInterval(() => void this.send(["WATCHDOG=1"]), Math.max(usec / 2000, 500));
      this.watchdog.unref();
    }
  }

  async stopping(): Promise<void> {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    // `--stopping` only exists from systemd 253 (Debian 12 has 252): the plain assignment works everywhere.
    await this.send(["STOPPING=1"]);
  }

  private async send(args: string[]): Promise<void> {
    if (!this.enabled) return;
    await execa("systemd-notify", args, { reject: false, timeout: 2000, stdin: "ignore" });
  }
}
