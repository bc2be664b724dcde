/**
 * Graphviz sizes boxes with Helvetica's metrics; a browser without Helvetica or Arial (Linux has
 * DejaVu Sans, ~15% wider) would overflow them, cutting labels at the chart's edge. Pages draw
 * text at this fraction of the laid-out size, so it fits either way.
 */
export const TEXT_SCALE = 0.87;
/** Smallest font Graphviz lays out (see `toDot`): edge labels and lines inside states. */
const SMALLEST_POINTS = 13;
/** Readable means at least this many CSS pixels of font size. */
export const MIN_TEXT_PX = 11;
/** How far a chart may shrink to fit the page before it scrolls instead. */
const MIN_SCALE = MIN_TEXT_PX / (SMALLEST_POINTS * TEXT_SCALE);

/**
 * Graphviz's SVG made for a page: text drawn at `TEXT_SCALE` of its laid-out size, and one
 * viewBox unit per CSS pixel (Graphviz writes points, 4/3 px each), so the smallest text (13
 * points laid out) is 11.3 px when the chart is shown at its own size. It may shrink to fit the
 * page only as far as that text stays 11 px (`min-width`); beyond, its container scrolls. Pure.
 */
export function pageSvg(svg: string): string {
  return svg
    .replace(/font-size="([\d.]+)"/g, (_, size: string) => `font-size="${(Number(size) * TEXT_SCALE).toFixed(2)}"`)
    .replace(/<svg width="([\d.]+)pt" height="([\d.]+)pt"/, (_, w: string, h: string) => `<svg width="${w}" height="${h}" style="min-width:${Math.ceil(Number(w) * MIN_SCALE)}px"`);
}

/** Styles of a chart shown at its own size or a little smaller, scrolling sideways when wider than the page allows. */
export const chartCss = `
.chart { overflow-x: auto; max-width: 100%; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart svg text { font-family: Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
`;

/** The SVG with every id prefixed, so a second drawing of the same machine on one page keeps ids unique. Pure. */
export function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/ id="([^"]*)"/g, (_, id: string) => ` id="${prefix}${id}"`);
}
