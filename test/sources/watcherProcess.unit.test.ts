import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { filter, firstValueFrom, type Subscription } from "rxjs";
import { afterEach, describe, expect, it } from "vitest";
import { createWindowsSource, watcherLines, type WindowsSourceOptions } from "../../src/sources/index.js";
import { alive, eventually } from "./eventually.js";
import { settled } from "./lines.js";

const fixture = (name: string) => new URL(`../fixtures/watchers/${name}.mjs`, import.meta.url).pathname;
const watch = (name: string, ...args: string[]) => [process.execPath, fixture(name), ...args];
const fast: WindowsSourceOptions = { quietMs: 20, maxWaitMs: 200, restart: { baseMs: 20, maxMs: 100, healthyMs: 60_000 }, exitGraceMs: 200 };
const wg = { type: "network.settled", vpn: { name: "wg0; $(reboot)", description: "WireGuard Tunnel", mtuHint: 1420 } };
const pidOf = (bytes: Buffer) => (JSON.parse(bytes.toString()) as { pid: number }).pid;

const subscriptions: Subscription[] = [];
afterEach(() => subscriptions.splice(0).forEach((s) => s.unsubscribe()));

describe("the watcher process (fixture programs)", () => {
  it("turns a well-behaved watcher's snapshot into a settled VPN event; closing stdin ends it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wva-watch-"));
    const marker = join(dir, "closed");
    const source = await createWindowsSource({ ...fast, watchCommand: watch("steady", marker) });
    expect(await firstValueFrom(settled(source.networks$))).toEqual(wg);
    expect(source.health.value).toMatchObject({ running: false, restarts: 0, snapshots: 1, badLines: 0 });
    await eventually(async () => (await readFile(marker, "utf8").catch(() => "")) === "stdin closed\n", "watcher saw stdin close");
    await rm(dir, { recursive: true });
  });

  it("restarts a crashing watcher and shows why it stopped", async () => {
    const source = await createWindowsSource({ ...fast, watchCommand: watch("crash") });
    const events: unknown[] = [];
    subscriptions.push(settled(source.networks$).subscribe((e) => events.push(e)));
    const health = await firstValueFrom(source.health.pipe(filter((h) => h.restarts >= 3)));
    expect(health.lastError).toMatch(/watcher ".*node.*" exited \(exit code 3\): boom: simulated crash/);
    await eventually(() => events.length > 0, "the VPN event");
    expect(events[0]).toEqual(wg);
  });

  it("keeps retrying a watcher that cannot start, with the reason in health", async () => {
    const source = await createWindowsSource({ ...fast, watchCommand: ["/nonexistent/powershell.exe", "-NoProfile"] });
    subscriptions.push(settled(source.networks$).subscribe());
    const health = await firstValueFrom(source.health.pipe(filter((h) => h.restarts >= 2 && !h.running)));
    expect(health.lastError).toMatch(/could not start \(ENOENT\): the executable does not exist/);
    expect(health.nextRestartMs).toBeGreaterThan(0);
  });

  it("survives garbage, binary and over-long lines, counting each", async () => {
    const warnings: string[] = [];
    const source = await createWindowsSource({ ...fast, watchCommand: watch("garbage"), onWarning: (w) => warnings.push(w.message) });
    expect(await firstValueFrom(settled(source.networks$))).toEqual(wg);
    expect(source.health.value).toMatchObject({ badLines: 3, snapshots: 1, restarts: 0 });
    expect(warnings).toEqual([
      expect.stringMatching(/not JSON/),
      "ignored a bad watcher line: binary data (NUL byte)",
      "ignored a bad watcher line: longer than 1048576 bytes",
    ]);
  });

  it("waits for a slow watcher instead of restarting it", async () => {
    const source = await createWindowsSource({ ...fast, watchCommand: watch("slow-start") });
    expect(await firstValueFrom(settled(source.networks$))).toEqual(wg);
    expect(source.health.value.restarts).toBe(0);
  });

  it("reads CRLF output, even with the CR and LF in separate writes", async () => {
    const source = await createWindowsSource({ ...fast, watchCommand: watch("crlf") });
    const events: unknown[] = [];
    subscriptions.push(settled(source.networks$).subscribe((e) => events.push(e)));
    // The two snapshots may settle as one burst or two: either way the VPN is the last word.
    await eventually(() => events.some((e) => JSON.stringify(e) === JSON.stringify(wg)), "the VPN event");
    expect(source.health.value).toMatchObject({ snapshots: 2, badLines: 0 });
    // The snapshots would parse with a CR left on (JSON whitespace): look at the raw lines too.
    const raw = await new Promise<Buffer[]>((resolve, reject) => {
      const seen: Buffer[] = [];
      const sub = watcherLines(watch("crlf"), { exitGraceMs: 100 }).subscribe({
        next: (line) => {
          seen.push(line.bytes);
          if (seen.length < 2) return;
          resolve(seen);
          queueMicrotask(() => sub.unsubscribe());
        },
        error: reject,
      });
    });
    expect(raw.map((bytes) => bytes.includes(0x0d))).toEqual([false, false]);
  });

  it("kills a watcher that ignores stdin close and SIGTERM", async () => {
    const first = await new Promise<Buffer>((resolve, reject) => {
      const sub = watcherLines(watch("stubborn"), { exitGraceMs: 100 }).subscribe({
        next: (line) => {
          resolve(line.bytes);
          queueMicrotask(() => sub.unsubscribe());
        },
        error: reject,
      });
    });
    const pid = pidOf(first);
    await eventually(() => !alive(pid), `stubborn watcher ${pid} killed`);
  });

  it("a watcher that dies while its child holds stdout: the exit is reported (for a restart) and the child ended", async () => {
    let grandchild = 0;
    const failure = await new Promise<unknown>((resolve) => {
      const sub = watcherLines(watch("grandchild"), { exitGraceMs: 100 }).subscribe({
        next: (line) => {
          const seen = JSON.parse(line.bytes.toString()) as { pid: number; grandchild: number };
          grandchild = seen.grandchild;
          process.kill(seen.pid, "SIGKILL");
        },
        error: resolve,
      });
      subscriptions.push(sub);
    });
    expect(String(failure)).toMatch(/exited \(signal SIGKILL\)/);
    await eventually(() => !alive(grandchild), `the watcher's child ${grandchild} ended`);
  });

  it("stops the watcher's whole process group (a child of it holding stdout)", async () => {
    const first = await new Promise<Buffer>((resolve, reject) => {
      const sub = watcherLines(watch("grandchild"), { exitGraceMs: 100 }).subscribe({
        next: (line) => {
          resolve(line.bytes);
          queueMicrotask(() => sub.unsubscribe());
        },
        error: reject,
      });
    });
    const { pid, grandchild } = JSON.parse(first.toString()) as { pid: number; grandchild: number };
    await eventually(() => !alive(pid) && !alive(grandchild), `watcher ${pid} and its child ${grandchild} killed`);
  });
});
