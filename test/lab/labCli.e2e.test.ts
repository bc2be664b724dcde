import { execa, type ResultPromise } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { labNames } from "../../src/lab/names.js";
import { cliArgv, runCliProcess } from "../support/cli.js";
import { skipE2e } from "../support/root.js";
import { pollUntil } from "../support/pollUntil.js";

/** The manual lab's namespaces (`lab up` uses a fixed prefix so `lab exec` and `lab down` find it). */
const MANUAL = Object.values(labNames("wvalab").ns);

async function namespaces(): Promise<string[]> {
  const r = await execa("ip", ["netns", "list"], { reject: false });
  return r.stdout.split("\n").map((l) => l.split(" ")[0] ?? "").filter((n) => n !== "").sort();
}

/** Starts a CLI command in the background and resolves once its output holds `marker`. */
async function startUntil(args: string[], marker: RegExp): Promise<{ child: ResultPromise; output: () => string }> {
  const child = execa(...cliArgv(args), { reject: false, all: true, buffer: false });
  let out = "";
  child.all?.on("data", (c: Buffer) => (out += c.toString("utf8")));
  await pollUntil(() => out, (o) => marker.test(o), {
    timeoutMs: 60_000,
    stopped: () => (child.nodeChildProcess.exitCode === null ? null : "it exited"),
    failure: (o) => `${args.join(" ")} never printed ${String(marker)}; output:\n${o}`,
  });
  return { child, output: () => out };
}

describe.skipIf(skipE2e)("the lab from the command line", () => {
  let startedManualLab = false;
  afterAll(async () => {
    // Whatever a failed test left of the lab it started (never someone's own manual lab).
    if (startedManualLab) await runCliProcess(["lab", "down"]);
  });

  it("without root: exit 77 and a message saying why, nothing created", async () => {
    const before = await namespaces();
    const r = await execa(...cliArgv(["lab", "up"]), { reject: false, uid: 65534, gid: 65534 });
    expect(r.exitCode).toBe(77);
    expect(r.stderr).toMatch(/the lab needs root \(network namespaces\): run it with sudo/);
    expect(await namespaces()).toEqual(before);
  });

  it("up, exec inside it, refuse a second up without harm, Ctrl-C tears it down, down finds nothing", async (ctx) => {
    const existing = await namespaces();
    if (MANUAL.some((n) => existing.includes(n))) ctx.skip(); // someone's own `lab up` is running here: leave it alone
    startedManualLab = true;
    const up = await startUntil(["lab", "up", "--link-mtu", "1400"], /Ctrl-C tears it down/);
    expect(await namespaces()).toEqual(expect.arrayContaining(MANUAL));

    const exec = await runCliProcess(["lab", "exec", "--", "ip", "-j", "link", "show", "dev", "eth0"]);
    expect(exec.code).toBe(0);
    expect(JSON.parse(exec.stdout)).toMatchObject([{ ifname: "eth0", mtu: 1500 }]);

    const second = await runCliProcess(["lab", "up"]);
    expect(second.code).toBe(69);
    expect(second.stderr).toMatch(/a lab is already up/);
    expect(await namespaces()).toEqual(expect.arrayContaining(MANUAL));
    expect((await runCliProcess(["lab", "exec", "--", "true"])).code).toBe(0);

    // The "try:" line pastes into a shell as is (with no wsl-vpn-agent on PATH): the probe finds the link's MTU.
    const tryLine = /^try: (.+)$/m.exec(up.output())?.[1] ?? "";
    const pasted = await execa("sh", ["-c", tryLine], { reject: false, env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" }, extendEnv: false });
    expect(pasted.exitCode, `${tryLine}\n${pasted.stderr}`).toBe(0);
    expect(pasted.stdout).toMatch(/1400/);

    up.child.kill("SIGINT");
    expect((await up.child).exitCode).toBe(130);
    const left = await namespaces();
    expect(MANUAL.filter((n) => left.includes(n))).toEqual([]);
    const down = await runCliProcess(["lab", "down"]);
    expect(down.stdout).toMatch(/not present/);
  });

  it("demo: Ctrl-C in the middle removes its own lab", async () => {
    const before = await namespaces();
    const demo = await startUntil(["lab", "demo"], /^lab: wsl/m);
    const during = await namespaces();
    expect(during.length).toBeGreaterThan(before.length);
    demo.child.kill("SIGINT");
    expect((await demo.child).exitCode).toBe(130);
    expect(await namespaces()).toEqual(before);
  });
});
