import { execa } from "execa";
import { createLab, type Lab } from "../src/lab/createLab.js";
import { cleanupProbeState, DEFAULT_RANGES } from "../src/probe/index.js";
import { ipBatch, pathTo, routeArgs } from "../src/probe/routes.js";
import { resolveTarget } from "../src/probe/target.js";
import { tlsProbe } from "../src/probe/tlsProbe.js";
import { verdict } from "./measure.js";

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

async function parallel(lab: Lab, hint: number | null): Promise<{ mtu: number; rounds: number; ms: number }> {
  const args = ["probe", "--url", lab.url, "--insecure", "--json", "--timeout-ms", String(T), ...(hint === null ? [] : ["--hint", String(hint)])];
  const r = await execa("ip", ["netns", "exec", lab.ns.wsl, process.execPath, "dist/cli.js", ...args]);
  const out = JSON.parse(r.stdout) as { mtu: number; evidence: { rounds: number; durationMs: number } };
  return { mtu: out.mtu, rounds: out.evidence.rounds, ms: out.evidence.durationMs };
}

async function sequential(lab: Lab): Promise<{ mtu: number; probes: number; ms: number }> {
  const code = `import("./bench/probe.ts").then((m) => m.sequentialWorker(${JSON.stringify(lab.url)}))`;
  const r = await execa("ip", ["netns", "exec", lab.ns.wsl, process.execPath, "--import", "tsx", "-e", code]);
  return JSON.parse(r.stdout) as { mtu: number; probes: number; ms: number };
}

/** Targets from the probing issue: a fraction of the sequential search's time, in few rounds. */
const TARGET_RATIO = 0.4;
const TARGET_ROUNDS = 2;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Time to the exact answer in the lab: parallel engine vs sequential binary search, same T, same run. */
export async function benchProbe(): Promise<void> {
  const shapes = [
    { name: "link 1400, TCP limit 1337 (ICMP/TLS gap)", lab: { linkMtu: 1400, tcpLimit: 1337 }, hint: 1400 },
    { name: "link 1400, TCP limit 1337, no hint", lab: { linkMtu: 1400, tcpLimit: 1337 }, hint: null },
    { name: "link 1300 (near the floor)", lab: { linkMtu: 1300 }, hint: null },
  ];
  console.log(`probe bench: T = ${T} ms, median of ${RUNS} runs each`);
  for (const s of shapes) {
    const lab = await createLab(s.lab);
    try {
      const par = [];
      const seq = [];
      for (let i = 0; i < RUNS; i++) {
        par.push(await parallel(lab, s.hint));
        seq.push(await sequential(lab));
      }
      const p = median(par.map((x) => x.ms));
      const q = median(seq.map((x) => x.ms));
      const answers = [...new Set([...par, ...seq].map((x) => x.mtu))].join(",");
      const ratio = p / q;
      const rounds = Math.max(...par.map((x) => x.rounds));
      console.log(
        `  ${s.name}: answer ${answers}; parallel ${p} ms (rounds ${par.map((x) => x.rounds).join(",")}, each after a one-probe floor check); ` +
          `sequential ${q} ms (${seq[0]?.probes ?? "?"} probes); ratio ${ratio.toFixed(2)}`,
      );
      console.log(`    targets: ratio <= ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)}; <= ${TARGET_ROUNDS} rounds: ${verdict(rounds <= TARGET_ROUNDS)}; answers agree: ${verdict(!answers.includes(","))}`);
    } finally {
      await lab.destroy();
    }
  }
}
