/**
 * Script of the live page: listens to `/events`, highlights the agent's current state (and its
 * parents) and lists its last events. EventSource reconnects by itself when the server restarts;
 * an absent agent arrives as a reading with `up: false` and the page says so.
 */
export const liveScript = `
const agent = document.getElementById("agent");
const recent = document.getElementById("recent");
let lastShown = null;
const domId = (id) => "s_" + id.replace(/[^A-Za-z0-9_.-]/g, "_");
function highlight(state) {
  for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
  const parts = state === null ? [] : state.split(".");
  let inner = null;
  for (let i = 1; i <= parts.length; i++) {
    inner = document.getElementById(domId(parts.slice(0, i).join("."))) ?? inner;
    inner?.classList.add("current");
  }
  // The chart is drawn readable and scrolls sideways: bring the current state into view.
  if (inner !== null && inner !== lastShown) inner.scrollIntoView({ block: "nearest", inline: "center" });
  lastShown = inner;
  document.body.dataset.state = state ?? "";
}
function cell(row, text) { const td = document.createElement("td"); td.textContent = String(text); row.append(td); }
function show(reading) {
  agent.dataset.up = String(reading.up);
  if (!reading.up) {
    agent.textContent = "Agent not running (" + reading.reason + "). The page reconnects when it is back.";
    highlight(null);
    return;
  }
  const s = reading.status;
  const vpn = s.vpn === null ? "no VPN" : "VPN " + (s.vpn.name ?? "?");
  agent.textContent = "Agent running: " + s.state + " · MTU " + s.mtu + " (baseline " + s.baseline + ") · " + vpn + " · up " + s.uptimeS + " s";
  highlight(s.state);
  recent.replaceChildren();
  for (const e of [...s.recent].reverse()) {
    const row = document.createElement("tr");
    cell(row, e.seq); cell(row, e.at); cell(row, e.event); cell(row, e.state);
    recent.append(row);
  }
}
const source = new EventSource("/events");
source.addEventListener("status", (m) => show(JSON.parse(m.data)));
source.onerror = () => { agent.dataset.up = "false"; agent.textContent = "Live view server unreachable; reconnecting…"; };
`;
