// Imports each module named on the command line in a fresh module graph (hooks.mjs) and prints one
// JSON line per module: {module, error} with error null when it loaded.
import { pathToFileURL } from "node:url";

let n = 0;
for (const path of process.argv.slice(2)) {
  const url = new URL(pathToFileURL(path));
  url.searchParams.set("alone", String(n++));
  let error = null;
  try {
    await import(url.href);
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  process.stdout.write(`${JSON.stringify({ module: path, error })}\n`);
}
