/** Styles of the report page (inline: the report makes no request, not even for fonts). */
export const reportCss = `
body { font: 14px system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1em 2em 4em; color: #212529; }
h1 { margin-bottom: .2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #dee2e6; }
.meta { color: #495057; }
.banner { padding: .6em 1em; border-radius: 6px; margin: 1em 0; }
.banner.ok { background: #ebfbee; border: 1px solid #8ce99a; }
.banner.bad { background: #fff5f5; border: 1px solid #ffa8a8; }
.note { color: #868e96; font-style: italic; }
table { border-collapse: collapse; font-size: 13px; }
td, th { padding: 2px 8px; border-bottom: 1px solid #e9ecef; text-align: left; vertical-align: top; }
#timeline td:nth-child(2) { white-space: nowrap; font-family: ui-monospace, monospace; }
tr.diverged { background: #fff5f5; }
tr.diverged .replayed { color: #c92a2a; font-weight: bold; }
.filters { display: flex; flex-wrap: wrap; gap: .4em 1.2em; align-items: center; margin: .6em 0; }
.filters label { white-space: nowrap; }
.filters input[type=text] { width: 13em; font-family: ui-monospace, monospace; }
.pager { margin: .5em 0; }
#mtu-plot .grid { stroke: #e9ecef; } #mtu-plot .tick-mark { stroke: #868e96; } #mtu-plot .tick { font-size: 11px; fill: #495057; }
#mtu-plot .mtu { fill: none; stroke: #212529; stroke-width: 2; }
#mtu-plot .mark { cursor: help; fill-opacity: .85; }
.legend { display: flex; flex-wrap: wrap; gap: .3em 1.2em; font-size: 12px; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: middle; border-radius: 2px; }
.swatch.line { background: #212529; height: .2em; }
.probe { border-left: 3px solid #1c7ed6; padding-left: 1em; margin: 1em 0; }
.probe.failed { border-color: #e03131; }
.sizes tr.pass td:nth-child(3) { color: #2b8a3e; font-weight: bold; }
.sizes tr.fail td:nth-child(3) { color: #c92a2a; font-weight: bold; }
.bad { color: #c92a2a; }
`;
