import type { Page } from "playwright-core";

export interface ChartReading {
  /** Texts drawn, as many as checked. */
  readonly texts: number;
  /** Smallest font size as drawn on screen, in CSS pixels. */
  readonly smallestPx: number;
  /** Texts (partly) outside the drawing: cut off. */
  readonly outside: string[];
  /** Node and cluster labels reaching past the box they name. */
  readonly overflowing: string[];
  /** Pairs of texts drawn over each other. */
  readonly overlapping: string[];
  /** The container's visible width and the chart's full width. */
  readonly visibleWidth: number;
  readonly fullWidth: number;
  /** The container's box, then the innermost highlighted state's (the live view's current state), if any. */
  readonly current: { left: number; right: number }[];
}

/**
 * Measures a Graphviz chart (the SVG inside `selector`) as Chromium drew it: font sizes on screen,
 * text boxes against the drawing's bounds, against their own node's box, and against each other.
 */
export function readChart(page: Page, selector: string): Promise<ChartReading> {
  return page.$eval(selector, (root) => {
    // The test's compiler has no DOM library: what the page's window offers is named here.
    const win = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
    type Box = { left: number; right: number; top: number; bottom: number };
    const svg = root.querySelector("svg");
    if (svg === null) throw new Error(`no chart in ${root.id}`);
    const bounds = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")].filter((t) => (t.textContent ?? "").trim() !== "");
    const boxes = texts.map((t) => ({ text: (t.textContent ?? "").trim(), r: t.getBoundingClientRect(), el: t }));
    const slack = 0.5; // sub-pixel rounding
    const inside = (r: Box, b: Box) => r.left >= b.left - slack && r.right <= b.right + slack && r.top >= b.top - slack && r.bottom <= b.bottom + slack;
    const outside = boxes.filter((b) => !inside(b.r, bounds)).map((b) => b.text);
    const overflowing: string[] = [];
    for (const b of boxes) {
      const group = b.el.closest("g.node, g.cluster");
      const shape = group?.querySelector(":scope > path, :scope > polygon");
      if (shape !== null && shape !== undefined && !inside(b.r, shape.getBoundingClientRect())) overflowing.push(b.text);
    }
    const overlapping: string[] = [];
    // Glyph boxes include line spacing: only a real intersection of more than a pixel counts.
    const overlap = (a: Box, c: Box) => Math.min(a.right, c.right) - Math.max(a.left, c.left) > 1 && Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top) > 2;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, c] = [boxes[i], boxes[j]];
        if (a !== undefined && c !== undefined && overlap(a.r, c.r)) overlapping.push(`${a.text} / ${c.text}`);
      }
    }
    const sizes = texts.map((t) => (t.getScreenCTM()?.a ?? 0) * parseFloat(win.getComputedStyle(t).fontSize));
    return {
      texts: texts.length,
      smallestPx: Math.min(...sizes),
      outside,
      overflowing,
      overlapping,
      visibleWidth: root.clientWidth,
      fullWidth: root.scrollWidth,
      current: [root, ...[...svg.querySelectorAll("g.current")].slice(-1)].map((e) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right };
      }),
    };
  });
}
