/**
 * The timeline's own script: filters the embedded rows by time range, event type and divergence,
 * and shows them a page at a time, so a 100,000-event journal stays responsive.
 */
export const timelineScript = `
const data = JSON.parse(document.getElementById("report-data").textContent);
const PAGE = 200;
const body = document.querySelector("#timeline tbody");
const info = document.getElementById("page-info");
const from = document.getElementById("f-from");
const to = document.getElementById("f-to");
const onlyDiverged = document.getElementById("f-diverged");
let shown = data.rows;
let page = 0;
const iso = (t) => new Date(t).toISOString();
function parseTime(text, fallback) {
  if (text.trim() === "") return fallback;
  const t = Date.parse(/Z|[+-]\\d\\d:?\\d\\d$/.test(text) ? text : text + "Z");
  return Number.isNaN(t) ? fallback : t;
}
function applyFilters() {
  const types = new Set([...document.querySelectorAll(".f-type:checked")].map((c) => Number(c.value)));
  const lo = parseTime(from.value, -Infinity);
  const hi = parseTime(to.value, Infinity);
  from.classList.toggle("invalid", from.value.trim() !== "" && lo === -Infinity);
  shown = data.rows.filter((r) => r[1] >= lo && r[1] <= hi && types.has(r[2]) && (!onlyDiverged.checked || r[5] !== -1));
  page = 0;
  render();
}
function cell(row, text, cls) { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; row.append(td); return td; }
function render() {
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  page = Math.min(Math.max(page, 0), pages - 1);
  const rows = shown.slice(page * PAGE, page * PAGE + PAGE).map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.seq = r[0];
    tr.dataset.event = data.types[r[2]];
    cell(tr, String(r[0])); cell(tr, iso(r[1])); cell(tr, data.types[r[2]]); cell(tr, r[4]);
    const state = cell(tr, data.states[r[3]]);
    if (r[5] !== -1) {
      tr.className = "diverged";
      const span = document.createElement("div");
      span.className = "replayed";
      span.textContent = "current machine: " + data.states[r[5]];
      state.append(span);
    }
    return tr;
  });
  body.replaceChildren(...rows);
  info.textContent = shown.length === 0 ? "no matching events" : "events " + (page * PAGE + 1) + "–" + (page * PAGE + rows.length) + " of " + shown.length + " (page " + (page + 1) + "/" + pages + ")";
}
for (const el of document.querySelectorAll(".filters input")) el.addEventListener("change", applyFilters);
document.getElementById("f-apply").addEventListener("click", applyFilters);
document.getElementById("prev").addEventListener("click", () => { page--; render(); });
document.getElementById("next").addEventListener("click", () => { page++; render(); });
for (const mark of document.querySelectorAll("#mtu-plot .mark")) {
  // Clicking a mark shows the timeline from that event on.
  mark.addEventListener("click", () => { const seq = Number(mark.dataset.seq); const i = shown.findIndex((r) => r[0] >= seq); if (i >= 0) { page = Math.floor(i / PAGE); render(); document.getElementById("timeline").scrollIntoView(); } });
}
applyFilters();
`;
