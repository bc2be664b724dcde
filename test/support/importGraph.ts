import { readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import ts from "typescript";
import { REPO } from "./sourceModules.js";

/** A module's imports of other repository modules, as repository-relative `.ts` paths. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** True for `import type {…}` and `import {type a, type b}`: erased from the JavaScript, so no runtime edge. */
function typeOnly(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The relative specifiers a module imports or re-exports at run time (type-only ones are erased). */
export function runtimeImports(source: string): string[] {
  const file = ts.createSourceFile("m.ts", source, ts.ScriptTarget.ES2022, false);
  const found: string[] = [];
  for (const st of file.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && !typeOnly(st.importClause)) found.push(st.moduleSpecifier.text);
    if (ts.isExportDeclaration(st) && st.moduleSpecifier !== undefined && ts.isStringLiteral(st.moduleSpecifier) && !st.isTypeOnly) found.push(st.moduleSpecifier.text);
  }
  return found.filter((s) => s.startsWith("."));
}

/** The run-time import graph of `modules` (repository-relative paths); `.js` specifiers name `.ts` files. */
export function importGraph(modules: readonly string[]): ImportGraph {
  return new Map(
    modules.map((m) => [m, runtimeImports(readFileSync(join(REPO, m), "utf8")).map((s) => posix.normalize(posix.join(dirname(m), s)).replace(/\.js$/, ".ts"))]),
  );
}

/** The import cycles of `graph`: its strongly connected components with more than one module (or a self-import), each sorted. */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
