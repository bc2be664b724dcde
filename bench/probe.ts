import { execa } from "execa";
import { createLab, type Lab } from "../src/lab/createLab.js";
import { cleanupProbeState, DEFAULT_RANGES } from "../src/probe/index.js";
import { ipBatch } from "../src/effects/ipBatch.js";
import { pathTo } from "../src/effects/routeGet.js";
import { routeArgs } from "../src/probe/routes.js";
import { resolveTarget } from "../src/probe/target.js";
import { tlsProbe } from "../src/probe/tlsProbe.js";
import { agentBinary, cliPath } from "../test/support/cli.js";
import { median, verdict } from "./measure.js";

/** Per-probe timeout T, the same for both methods. */
const T = 1000;
const RUNS = 3;

/**
 * The baseline: sequential binary search over 1280..1500, one per-destination route, one probe at
 * a time, same T. Runs inside the lab's wsl namespace (spawned by `benchProbe`); prints JSON.
 */
export async function sequentialWorker(url: string): Promise<void> {
  const target = await resolveTarget(url);
  const path = await pathTo(target.address);
  if ("error" in path) throw new Error(path.error);
  let pass = 1279;
  let fail = 1501;
  let probes = 0;
  let port = 61000 + Math.floor(Math.random() * 3000);
  const t0 = performance.now();
  while (fail - pass > 1) {
    const mtu = Math.floor((pass + fail) / 2);
    await ipBatch([["route", "replace", ...routeArgs(target.address, path, mtu, "main")]]);
    const r = await tlsProbe(target, port++, T);
    probes++;
    if (r.pass) pass = mtu;
    else fail = mtu;
  }
  const ms = Math.round(performance.now() - t0);
  await cleanupProbeState(DEFAULT_RANGES);
  process.stdout.write(`${JSON.stringify({ mtu: pass, probes, ms })}\n`);
}

/**
 * The floor: one probe of a black-holed size (the answer + 1, which any method must see failing),
 * timed on its own in the lab, same T. Runs inside the wsl namespace; prints JSON.
 */
export async function floorWorker(url: string, size: number): Promise<void> {
  const target = await resolveTarget(url);
  const path = await pathTo(target.address);
  if ("error" in path) throw new Error(path.error);
  await ipBatch([["route", "replace", ...routeArgs(target.address, path, size, "main")]]);
  const r = await tlsProbe(target, 61000 + Math.floor(Math.random() * 3000), T);
  await cleanupProbeState(DEFAULT_RANGES);
  process.stdout.write(`${JSON.stringify({ pass: r.pass, ms: r.ms })}\n`);
}

/** The `probe` command as a user runs it (`cli`: the executable or node + bundle): wall time from spawning the process to its exit. */
async function parallel(lab: Lab, hint: number | null, cli: readonly string[]): Promise<{ mtu: number; rounds: number; ms: number; engineMs: number }> {
  const args = ["probe", "--url", lab.url, "--insecure", "--json", "--timeout-ms", String(T), ...(hint === null ? [] : ["--hint", String(hint)])];
  const t0 = performance.now();
  const r = await execa("ip", ["netns", "exec", lab.ns.wsl, ...cli, ...args]);
  const ms = Math.round(performance.now() - t0);
  const out = JSON.parse(r.stdout) as { mtu: number; evidence: { rounds: number; durationMs: number } };
  return { mtu: out.mtu, rounds: out.evidence.rounds, ms, engineMs: out.evidence.durationMs };
}

async function floor(lab: Lab, answer: number): Promise<number> {
  const code = `import("./bench/probe.ts").then((m) => m.floorWorker(${JSON.stringify(lab.url)}, ${answer + 1}))`;
  const r = await execa("ip", ["netns", "exec", lab.ns.wsl, process.execPath, "--import", "tsx", "-e", code]);
  const out = JSON.parse(r.stdout) as { pass: boolean; ms: number };
  if (out.pass) throw new Error(`the floor probe at ${answer + 1} passed: the lab carries more than ${answer}`);
  return out.ms;
}

async function sequential(lab: Lab): Promise<{ mtu: number; probes: number; ms: number }> {
  const code = `import("./bench/probe.ts").then((m) => m.sequentialWorker(${JSON.stringify(lab.url)}))`;
  const r = await execa("ip", ["netns", "exec", lab.ns.wsl, process.execPath, "--import", "tsx", "-e", code]);
  return JSON.parse(r.stdout) as { mtu: number; probes: number; ms: number };
}

/** The target of the one-timeout issue: the command end to end within 0.3 × the sequential search. */
const TARGET_RATIO = 0.3;
/** The shipped executable's target (issue 21): within 0.25 × the sequential search. */
const BINARY_TARGET_RATIO = 0.25;


/** Time to the exact answer in the lab: parallel engine vs sequential binary search, same T, same run. */
export async function benchProbe(): Promise<void> {
  const shapes = [
    { name: "link 1400, TCP limit 1337 (ICMP/TLS gap)", lab: { linkMtu: 1400, tcpLimit: 1337 }, hint: 1400, answer: 1337 },
    { name: "link 1400, TCP limit 1337, no hint", lab: { linkMtu: 1400, tcpLimit: 1337 }, hint: null, answer: 1337 },
    { name: "link 1300 (near the floor)", lab: { linkMtu: 1300 }, hint: null, answer: 1300 },
  ];
  console.log(`probe bench: T = ${T} ms, median of ${RUNS} runs each; the command timed from process start to exit`);
  for (const s of shapes) {
    const lab = await createLab(s.lab);
    try {
      const par = [];
      const bin = [];
      const seq = [];
      const floors = [];
      for (let i = 0; i < RUNS; i++) {
        par.push(await parallel(lab, s.hint, [process.execPath, cliPath]));
        bin.push(await parallel(lab, s.hint, [agentBinary]));
        seq.push(await sequential(lab));
        floors.push(await floor(lab, s.answer));
      }
      const p = median(par.map((x) => x.ms));
      const q = median(seq.map((x) => x.ms));
      const f = median(floors);
      const b = median(bin.map((x) => x.ms));
      const answers = [...new Set([...par, ...bin, ...seq].map((x) => x.mtu))].join(",");
      const ratio = p / q;
      console.log(
        `  ${s.name}: answer ${answers}; probe command ${p} ms end to end (engine ${median(par.map((x) => x.engineMs))} ms, rounds ${par.map((x) => x.rounds).join(",")}, after a one-probe floor check); ` +
          `floor (one probe of ${s.answer + 1} failing) ${f} ms, command / floor ${(p / f).toFixed(2)}x; sequential ${q} ms (${seq[0]?.probes ?? "?"} probes); ratio ${ratio.toFixed(2)}`,
      );
      console.log(`    the executable: probe command ${b} ms end to end (engine ${median(bin.map((x) => x.engineMs))} ms); ratio ${(b / q).toFixed(2)}; ${(b / p).toFixed(2)}x node dist/cli.js`);
      console.log(
        `    targets: command <= ${TARGET_RATIO} x sequential: ${verdict(ratio <= TARGET_RATIO)}; executable <= ${BINARY_TARGET_RATIO} x sequential: ${verdict(b / q <= BINARY_TARGET_RATIO)}; ` +
          `answers agree: ${verdict(!answers.includes(",") && answers === String(s.answer))}`,
      );
    } finally {
      await lab.destroy();
    }
  }
}
