import type { Viz } from "@viz-js/viz";

let viz: Promise<Viz> | undefined;

/**
 * Renders DOT to SVG offline with Graphviz compiled to WebAssembly (bundled into dist/cli.js, no
 * network, no native binary). The instance is created once: it takes a few hundred milliseconds.
 */
export async function dotToSvg(dot: string): Promise<string> {
  // Loaded on first use: the module carries ~1 MB of WebAssembly that other commands should not pay for.
  viz ??= import("@viz-js/viz").then((m) => m.instance());
  const svg = (await viz).renderString(dot, { format: "svg", engine: "dot" });
  // Drop the XML prolog and doctype so the SVG can be inlined into HTML as is.
  return svg.slice(svg.indexOf("<svg"));
}
