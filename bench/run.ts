// `npm run bench`: every benchmark, each printing its figures and its ratio against a baseline
// measured in the same run. Needs root for the lab benchmarks (network namespaces).
import { benchAgent } from "./agent.js";
import { benchProbe } from "./probe.js";
import { benchReplay } from "./replay.js";
import { benchReport } from "./report.js";
import { benchShip } from "./ship.js";
import { benchYear } from "./yearJournal.js";

const benches: readonly [string, () => Promise<void>][] = [
  ["replay", benchReplay],
  ["report", benchReport],
  ["year", benchYear],
  ["probe", benchProbe],
  ["agent", benchAgent],
  ["ship", benchShip],
];

const only = process.argv.slice(2);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run();
}
