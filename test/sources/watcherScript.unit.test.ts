import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";
import { beforeAll, describe, expect, it } from "vitest";
import { loadWatcherScript, watcherArgv } from "../../src/sources/index.js";
import { MAX_ROUTES } from "../../src/windows/routes.js";

// No PowerShell runs here: a PowerShell grammar (tree-sitter, as WebAssembly) at least proves the
// script Windows will run is well-formed, as sent: with the prelude watcherArgv puts before it.
let parser: Parser;
beforeAll(async () => {
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve("tree-sitter-powershell/tree-sitter-powershell.wasm");
  parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
});

/** Where the grammar found a syntax error or had to invent a missing token: "line:column text". */
function syntaxErrors(source: string): string[] {
  const tree = parser.parse(source);
  if (tree === null) throw new Error("the parser returned no tree");
  const found: string[] = [];
  const walk = (n: typeof tree.rootNode): void => {
    if (n.isError || n.isMissing) found.push(`${n.startPosition.row + 1}:${n.startPosition.column + 1} ${n.text.slice(0, 60)}`);
    for (const child of n.children) if (child !== null) walk(child);
  };
  walk(tree.rootNode);
  return found;
}

describe("the shipped watcher script", () => {
  it("parses as PowerShell, exactly as it is sent with -EncodedCommand", async () => {
    const argv = watcherArgv(await loadWatcherScript(), { heartbeatSeconds: 30 });
    const sent = Buffer.from(argv.at(-1) ?? "", "base64").toString("utf16le");
    expect(syntaxErrors(sent)).toEqual([]);
  });

  it("would be caught if it did not (the check is not blind)", async () => {
    const script = await loadWatcherScript();
    const broken = script.replace(/\}\s*$/, ""); // drop the last closing brace
    expect(broken).not.toBe(script);
    expect(syntaxErrors(broken).length).toBeGreaterThan(0);
    expect(syntaxErrors("function Get-Snapshot { $x = (1 + }")).not.toEqual([]);
  });

  it(`caps routes per adapter at the parser's limit (${MAX_ROUTES}), so the script never prints a line the agent refuses`, async () => {
    expect((await loadWatcherScript()).match(/^\$MaxRoutes = (\d+)$/m)?.[1]).toBe(String(MAX_ROUTES));
  });
});
