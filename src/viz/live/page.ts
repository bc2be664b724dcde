import { diagramCss } from "../diagramCss.js";
import { chartCss } from "../pageSvg.js";
import { liveScript } from "./liveScript.js";

/** The live page: the diagram (inline SVG), the agent's status and its last events. No outside resources. */
export function livePage(svg: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>wsl-vpn-agent live</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 1em 2em; color: #212529; }
#agent { padding: .6em 1em; border-radius: 6px; margin-bottom: 1em; }
#agent[data-up="true"] { background: #ebfbee; border: 1px solid #8ce99a; }
#agent[data-up="false"] { background: #fff5f5; border: 1px solid #ffa8a8; }
${chartCss}
table { border-collapse: collapse; font-size: 13px; }
td, th { padding: 2px 10px; border-bottom: 1px solid #e9ecef; text-align: left; }
${diagramCss}
</style></head>
<body>
<h1>wsl-vpn-agent: live</h1>
<div id="agent" data-up="unknown">connecting to the live view…</div>
<div id="diagram" class="chart">${svg}</div>
<h2>Last events</h2>
<table><thead><tr><th>seq</th><th>at</th><th>event</th><th>state</th></tr></thead><tbody id="recent"></tbody></table>
<script>${liveScript}</script>
</body></html>
`;
}
