// Regenerates the machine diagram embedded in docs/machine.md and docs/machine.svg from the machine
// definition. `--check` only reports (exit 1) when the checked-in copies are stale.
import { readFile, writeFile } from "node:fs/promises";
import { embedDiagram } from "../src/viz/docsDiagram.js";
import { renderGraph } from "../src/viz/render.js";

const MD = "docs/machine.md";
const SVG = "docs/machine.svg";

const check = process.argv.includes("--check");
const markdown = await readFile(MD, "utf8");
const wanted = new Map([
  [MD, embedDiagram(markdown, await renderGraph("mermaid"))],
  [SVG, await renderGraph("svg")],
]);
let stale = 0;
for (const [file, text] of wanted) {
  const current = await readFile(file, "utf8").catch(() => "");
  if (current === text) continue;
  stale++;
  if (check) process.stderr.write(`${file} is stale: run npm run docs:diagram\n`);
  else await writeFile(file, text, "utf8");
}
if (!check) process.stdout.write(`docs diagram: ${stale === 0 ? "up to date" : `updated ${stale} file(s)`}\n`);
process.exitCode = check && stale > 0 ? 1 : 0;
