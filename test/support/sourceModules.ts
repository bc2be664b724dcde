import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** Modules that act when imported (the CLI's entry point runs the CLI): never imported by tests. */
const ENTRY_POINTS = new Set(["src/cli.ts"]);

/** Every TypeScript module of the agent (`src/` and `machines/`), as repository-relative paths, sorted. */
export function sourceModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(path);
    }
  };
  walk("src");
  walk("machines");
  return found.filter((p) => !ENTRY_POINTS.has(p)).sort();
}

/** `path` (absolute) relative to the repository, with forward slashes. */
export function repoPath(path: string): string {
  return relative(REPO, path).split("\\").join("/");
}
