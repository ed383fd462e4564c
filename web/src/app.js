// The dateline web page: a hash router over a few views, each reading the
// JSON API of the same server. Charts: Chart.js; network: Cytoscape.js.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";
import cytoscape from "cytoscape";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const COLORS = {
  AGREE: "#2e7d32", CONSULT: "#1f5fbf", SUPPORT: "#43a047", CONCEDE: "#7cb342", COOPERATE: "#00897b",
  AID: "#26a69a", RETREAT: "#9e9d24", REQUEST: "#5c6bc0", ACCUSE: "#ef6c00", REJECT: "#f4511e",
  THREATEN: "#d81b60", PROTEST: "#8e24aa", SANCTION: "#6d4c41", MOBILIZE: "#546e7a", COERCE: "#c62828",
  ASSAULT: "#b71c1c",
};
const color = (t) => COLORS[t] || "#777";

// h builds an element: h("a", {href: "#"}, "text", child...). Text is never parsed as HTML.
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "style") el.style.cssText = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of kids.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v != null) qs.set(k, v);
  const url = "/api/" + path + (qs.toString() ? "?" + qs : "");
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

const main = document.getElementById("main");
const filtersForm = document.getElementById("filters");
const typeSelect = filtersForm.elements.type;
for (const t of TYPES) typeSelect.append(h("option", { value: t }, t));

// The filters live in the URL: #/view?type=...&actor=...
function route() {
  const raw = location.hash.replace(/^#\/?/, "") || "events";
  const [path, query] = raw.split("?");
  return { parts: path.split("/").filter(Boolean), params: new URLSearchParams(query || "") };
}
function filters(params) {
  const f = {};
  for (const k of ["type", "actor", "country", "from", "to"]) if (params.get(k)) f[k] = params.get(k);
  return f;
}
function go(view, params) {
  const qs = new URLSearchParams(params).toString();
  location.hash = "#/" + view + (qs ? "?" + qs : "");
}
filtersForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const f = {};
  for (const k of ["type", "actor", "country", "from", "to"]) {
    const v = filtersForm.elements[k].value.trim();
    if (v) f[k] = v;
  }
  const view = route().parts[0];
  go(["network", "quotes", "articles"].includes(view) ? view : "events", f);
});
filtersForm.addEventListener("reset", () => setTimeout(() => filtersForm.requestSubmit(), 0));
document.getElementById("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) go("search", { q });
});

const typeBadge = (t) => h("span", { class: "type", style: `background:${color(t)}` }, t);
const actorNames = (as) => (as || []).map((a) => a.name + (a.country || a.sector ? ` (${(a.country || "") + (a.sector || "")})` : "")).join(", ");
const evidenceLink = (art, kind, idx, label) => h("a", { href: `#/article/${art}/${kind}/${idx}`, class: "evidence" }, label);
const errorBox = (e) => h("p", { class: "err" }, "Error: " + e.message);

let charts = [];
let cy = null;
function cleanup() {
  charts.forEach((c) => c.destroy());
  charts = [];
  if (cy) { cy.destroy(); cy = null; }
  window.__dateline = {};
}

async function render() {
  cleanup();
  const { parts, params } = route();
  const view = parts[0];
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("on", a.dataset.view === view);
  const f = filters(params);
  for (const k of ["type", "actor", "country", "from", "to"]) filtersForm.elements[k].value = f[k] || "";
  filtersForm.hidden = view === "article" || view === "search";
  typeSelect.disabled = view === "quotes"; // quotes have no type
  typeSelect.title = typeSelect.disabled ? "quotes have no event type" : "";
  main.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  try {
    if (view === "network") await networkView(f);
    else if (view === "quotes") await quotesView(f, params.get("speaker"));
    else if (view === "articles") await articlesView(f, +params.get("offset") || 0);
    else if (view === "search") await searchView(params.get("q") || "", +params.get("offset") || 0);
    else if (view === "article") await articleView(+parts[1], parts[2], +parts[3]);
    else await eventsView(f, +params.get("offset") || 0);
  } catch (e) {
    main.replaceChildren(errorBox(e));
  }
  document.body.dataset.view = view;
  document.body.dataset.ready = String(Date.now());
}
window.addEventListener("hashchange", render);

// Events: the timeline (events per day by type) and the table.
async function eventsView(f, offset) {
  const limit = 50;
  const [tl, page] = await Promise.all([api("timeline", f), api("events", { ...f, limit, offset })]);
  const canvas = h("canvas", { id: "timeline", "aria-label": "Events per day by type" });
  const dl = (fmt) => h("a", { href: "/api/events?" + new URLSearchParams({ ...f, format: fmt }), download: `events.${fmt}` }, fmt.toUpperCase());
  main.replaceChildren(
    h("section", { class: "card" }, h("h2", {}, "Timeline: events per day by type ",
      h("span", { class: "muted" }, `(${tl.total} dated` + (tl.undated ? `, ${tl.undated} undated` : "") + ")")),
      h("div", { class: "chart" }, canvas)),
    h("section", { class: "card" }, h("h2", {}, "Events ", h("span", { class: "muted" }, "download ", dl("csv"), " ", dl("jsonl"))),
      eventTable(page.items), pager(page, (o) => go("events", { ...f, offset: o }))));
  if (tl.days.length) {
    charts.push(new Chart(canvas, {
      type: "bar",
      data: { labels: tl.days, datasets: tl.series.map((s) => ({ label: s.type, data: s.counts, backgroundColor: color(s.type) })) },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        onClick: (_, els) => {
          if (!els.length) return;
          const day = tl.days[els[0].index], type = tl.series[els[0].datasetIndex].type;
          go("events", { ...f, type, from: day, to: day });
        },
      },
    }));
  }
}

function eventTable(items) {
  if (!items.length) return h("p", { class: "muted" }, "No events match.");
  return h("div", { class: "tablewrap" }, h("table", { id: "events" },
    h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Type"), h("th", {}, "Who"), h("th", {}, "Whom"),
      h("th", { class: "hide-sm" }, "Trigger"), h("th", { class: "hide-sm" }, "Article"), h("th", { class: "hide-sm" }, ""))),
    h("tbody", {}, items.map((e) => h("tr", {},
      h("td", {}, h("a", { href: `#/article/${e.article}/ev/${e.index}`, class: "evlink" }, e.date || (e.published || "").slice(0, 10) || "undated")),
      h("td", {}, typeBadge(e.type), e.negated ? h("span", { class: "muted" }, " not") : null),
      h("td", {}, actorNames(e.actors)), h("td", {}, actorNames(e.recipients)),
      h("td", { class: "hide-sm" }, e.trigger || ""),
      h("td", { class: "hide-sm" }, e.title || e.path || "#" + e.article),
      h("td", { class: "hide-sm" }, evidenceLink(e.article, "ev", e.index, "evidence")))))));
}

function pager(page, to) {
  const prev = h("button", { type: "button", disabled: page.offset === 0, onclick: () => to(Math.max(0, page.offset - page.limit)) }, "‹ Previous");
  const next = h("button", { type: "button", disabled: page.next == null, onclick: () => to(page.next) }, "Next ›");
  return h("div", { class: "pager" }, prev, h("span", { class: "muted" }, `rows ${page.items.length ? page.offset + 1 : 0}–${page.offset + page.items.length}`), next);
}

// Network: actors as nodes, edges weighted and coloured by event type.
async function networkView(f) {
  const net = await api("network", { ...f, limit: 150 });
  const panel = h("aside", { class: "card", id: "edgepanel" }, h("h2", {}, "Edge"), h("p", { class: "muted" }, "Click an edge (or a node) to list its events."));
  const types = [...new Set(net.edges.map((e) => e.type))].sort();
  main.replaceChildren(
    h("section", { class: "card" }, h("h2", {}, `Actor network `, h("span", { class: "muted" }, `(${net.nodes.length} actors, ${net.edges.length} links)`)),
      h("div", { class: "legend" }, types.map(typeBadge))),
    h("div", { class: "netwrap" }, h("div", { id: "cy" }), panel));
  if (!net.nodes.length) { document.getElementById("cy").append(h("p", { class: "muted", style: "padding:1rem" }, "No events between actors match.")); return; }
  const maxW = Math.max(...net.edges.map((e) => e.weight));
  cy = cytoscape({
    container: document.getElementById("cy"),
    elements: [
      ...net.nodes.map((n) => ({ data: { id: n.id, label: n.name + (n.country ? ` (${n.country})` : ""), events: n.events } })),
      ...net.edges.map((e) => ({ data: { ...e, id: e.id, width: 1.5 + 6 * (e.weight / maxW), color: color(e.type) } })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#14213d", width: "mapData(events, 1, 20, 14, 40)", height: "mapData(events, 1, 20, 14, 40)", "text-valign": "bottom", "text-margin-y": 3, color: "#1d2330", "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)", "curve-style": "bezier", opacity: 0.85 } },
      { selector: "edge[?directed]", style: { "target-arrow-shape": "triangle" } },
      { selector: ":selected", style: { "overlay-opacity": 0.2, "overlay-color": "#fca311" } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 110, nodeOverlap: 40, componentSpacing: 120, padding: 40 },
    minZoom: 0.2, maxZoom: 1.6,
  });
  window.__dateline = { cy };
  const showEdges = (edges, title) => {
    const refs = edges.flatMap((e) => e.data("events").map((r) => ({ ...r, type: e.data("type") })));
    panel.replaceChildren(h("h2", {}, title),
      h("p", { class: "muted" }, `${refs.length} event${refs.length === 1 ? "" : "s"}`),
      h("ul", { id: "edge-events" }, refs.map((r) => h("li", {}, typeBadge(r.type), " ",
        evidenceLink(r.article, "ev", r.index, `article ${r.article}, event V${r.index + 1}`)))));
  };
  cy.on("tap", "edge", (ev) => {
    const e = ev.target;
    const name = (id) => cy.getElementById(id).data("label");
    showEdges([e], `${name(e.data("source"))} ${e.data("directed") ? "→" : "—"} ${name(e.data("target"))}: ${e.data("type")} ×${e.data("weight")}`);
  });
  cy.on("tap", "node", (ev) => showEdges(ev.target.connectedEdges().toArray(), ev.target.data("label")));
}

// Quotes by speaker: the speakers of every matching quote, counted by the
// server, and the quotes of the one chosen (speaker "" is the quotes of no
// known speaker).
const speakerName = (s) => s || "(unknown speaker)";
async function quotesView(f, speaker) {
  const { type, ...qf } = f; // quotes have no type
  f = qf;
  const sp = await api("speakers", { ...f, limit: 200 });
  if (speaker == null && sp.items.length) speaker = sp.items[0].speaker;
  const shown = speaker == null ? null : await api("quotes", { ...f, speaker, limit: 500 });
  const more = (page, what) => (page.next != null ? h("p", { class: "muted" }, `Only the first ${page.items.length} ${what} are listed.`) : null);
  main.replaceChildren(h("div", { class: "quotes" },
    h("section", { class: "card" }, h("h2", {}, "Speakers"), h("ul", { class: "speakers" },
      sp.items.map((s) => h("li", {}, h("a", { href: "#/quotes?" + new URLSearchParams({ ...f, speaker: s.speaker }), class: s.speaker === speaker ? "on" : "" }, h("span", {}, speakerName(s.speaker)), h("span", { class: "muted" }, s.quotes))))),
      more(sp, "speakers")),
    h("section", { class: "card", id: "quotelist" }, h("h2", {}, shown ? `Quotes of ${speakerName(speaker)}` : "No quotes match."),
      shown ? shown.items.map((q) => h("blockquote", {}, h("div", {}, q.text),
        h("div", { class: "muted" }, [q.kind, (q.published || "").slice(0, 10), ""].filter((x, i, all) => x || i === all.length - 1).join(" · "), evidenceLink(q.article, "q", q.index, "in its article")))) : null,
      shown ? more(shown, "quotes") : null)));
}

async function articlesView(f, offset) {
  const page = await api("articles", { ...f, limit: 50, offset });
  main.replaceChildren(h("section", { class: "card" }, h("h2", {}, "Articles"),
    h("div", { class: "tablewrap" }, h("table", {}, h("thead", {}, h("tr", {}, ["Published", "Title", "Events", "Quotes", "Entities"].map((t) => h("th", {}, t)))),
      h("tbody", {}, page.items.map((a) => h("tr", {}, h("td", {}, (a.published || "").slice(0, 10)),
        h("td", {}, h("a", { href: `#/article/${a.id}` }, a.title || a.path || a.doc_id)), h("td", {}, a.events), h("td", {}, a.quotes), h("td", {}, a.entities)))))),
    pager(page, (o) => go("articles", { ...f, offset: o }))));
}

async function searchView(q, offset) {
  document.getElementById("q").value = q;
  const page = await api("search", { q, limit: 50, offset });
  const shown = page.offset + page.items.length;
  main.replaceChildren(h("section", { class: "card", id: "results" }, h("h2", {}, `Search: ${q} `, h("span", { class: "muted" }, `(${shown}${page.next != null ? "+" : ""} articles)`)),
    page.items.length ? h("ol", { start: page.offset + 1 }, page.items.map((r) => h("li", {}, h("a", { href: `#/article/${r.article}`, class: "hit" }, r.title || r.path || `article ${r.article}`),
      h("span", { class: "muted" }, " " + (r.published || "").slice(0, 10)), h("div", { class: "snippet" }, snippet(r.snippet, r.marks)))))
      : h("p", { class: "muted" }, "No article holds these words."),
    page.offset > 0 || page.next != null ? pager(page, (o) => go("search", { q, offset: o })) : null));
}

// snippet shows the matched words of a search snippet in bold: marks are
// their code-point spans, each between the [ and ] that mark it (a bracket
// of the article's own, as in "[sic]", is text).
function snippet(s, marks) {
  const cps = Array.from(s), out = [];
  let at = 0;
  for (const [a, b] of marks || []) {
    out.push(cps.slice(at, a - 1).join(""), h("b", {}, cps.slice(a, b).join("")));
    at = b + 1;
  }
  out.push(cps.slice(at).join(""));
  return out;
}

// Article view: the text with every layer highlighted; sel is the event
// ("ev") or quote ("q") whose evidence is shown.
async function articleView(id, selKind, selIdx) {
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`no such article: ${location.hash}`);
  const { article: a } = await api("articles/" + id);
  const cps = Array.from(a.text);
  const marks = [];
  const ents = a.entities || [];
  ents.forEach((e) => (e.mentions || []).forEach((m) => marks.push({ s: m.start, e: m.end, cls: `m-ent t-${e.type}`, title: `${e.name} (${e.type}${e.country ? ", " + e.country : ""}${e.sector ? " " + e.sector : ""})` })));
  (a.quotes || []).forEach((q, i) => marks.push({ s: q.start, e: q.end, cls: "m-q", title: `quote ${q.id}: ${q.speaker ? nameOf(ents, q.speaker) : "unknown speaker"}`, sel: selKind === "q" && i === selIdx }));
  (a.times || []).forEach((t) => marks.push({ s: t.start, e: t.end, cls: "m-time", title: `${t.type} ${t.value || ""}` }));
  (a.events || []).forEach((ev, i) => (ev.evidence || []).forEach((x) => marks.push({ s: x.trigger.start, e: x.trigger.end, cls: "m-ev", title: `${ev.id} ${ev.type}`, sel: selKind === "ev" && i === selIdx })));
  const text = h("div", { class: "article-text", id: "article-text" }, highlight(cps, marks));
  const sel = selKind === "ev" ? a.events[selIdx] : selKind === "q" ? a.quotes[selIdx] : null;
  const selBox = sel ? h("section", { class: "card", id: "selected" }, selKind === "ev"
    ? [h("h2", {}, "Event ", sel.id, " ", typeBadge(sel.type)), h("p", {}, `${names(ents, sel.actors) || "(no actor)"} → ${names(ents, sel.recipients) || "—"}`,
        sel.date ? ` · ${sel.date}` : "", sel.location ? ` · in ${sel.location.name}` : "", sel.negated ? " · negated" : "", sel.mode ? ` · ${sel.mode}` : ""),
       h("p", { class: "muted" }, "Evidence: ", sel.evidence.map((x) => `“${x.trigger.text}” (sentence ${x.sentence + 1})`).join("; "))]
    : [h("h2", {}, "Quote ", sel.id), h("blockquote", {}, sel.text), h("p", { class: "muted" }, `${sel.kind} · ${sel.speaker ? nameOf(ents, sel.speaker) : "unknown speaker"}${sel.cue ? " · cue “" + sel.cue.text + "”" : ""}`)]) : null;
  // Only a web address is a link: a stored URL is the feed's word, and
  // "javascript:..." must not become something to click.
  const src = /^https?:\/\//i.test(a.source.url || "") ? h("a", { href: a.source.url, rel: "noopener noreferrer" }, a.source.url) : a.source.url || a.source.path || "";
  main.replaceChildren(h("div", { class: "artgrid" },
    h("section", { class: "card" }, h("h1", {}, a.title || untitled(a.text)), h("p", { class: "muted" }, a.published ? a.published.slice(0, 10) + " · " : "", src),
      h("p", { class: "key" }, h("span", { class: "m-ent" }, "entity"), h("span", { class: "m-q" }, "quote"), h("span", { class: "m-time" }, "time"), h("span", { class: "m-ev" }, "event trigger"), h("span", { class: "sel" }, "selected evidence"))),
    selBox,
    a.removed && a.removed.length ? h("section", { class: "card removed" }, h("h2", {}, "Removed by the reader"), h("ul", {}, a.removed.map((r) => h("li", {}, h("del", {}, r.text), h("span", { class: "muted" }, ` (${r.reason})`))))) : null,
    h("section", { class: "card" }, text),
    h("div", { class: "layers" },
      h("section", { class: "card" }, h("h2", {}, `Events (${(a.events || []).length})`), h("ul", {}, (a.events || []).map((ev, i) => h("li", {}, typeBadge(ev.type), " ", evidenceLink(id, "ev", i, `${names(ents, ev.actors) || "(no actor)"} → ${names(ents, ev.recipients) || "—"}`), ev.date ? ` ${ev.date}` : "")))),
      h("section", { class: "card" }, h("h2", {}, `Quotes (${(a.quotes || []).length})`), h("ul", {}, (a.quotes || []).map((q, i) => h("li", {}, evidenceLink(id, "q", i, q.speaker ? nameOf(ents, q.speaker) : "unknown"), ": ", q.text.length > 90 ? q.text.slice(0, 90) + "…" : q.text)))),
      h("section", { class: "card" }, h("h2", {}, `Entities (${ents.length})`), h("ul", {}, ents.map((e) => h("li", {}, h("a", { href: "#/events?" + new URLSearchParams({ actor: e.name }) }, e.name), h("span", { class: "muted" }, ` ${e.type}${e.country ? " " + e.country : ""}${e.sector ? " " + e.sector : ""} ×${e.mentions.length}`))))),
      h("section", { class: "card" }, h("h2", {}, `Times (${(a.times || []).length})`), h("ul", {}, (a.times || []).map((t) => h("li", {}, t.text, h("span", { class: "muted" }, ` ${t.type} ${t.value || ""}`))))))));
  const s = document.querySelector(".sel");
  if (s) s.scrollIntoView({ block: "center" });
}

// untitled names an article without a title by its first words.
function untitled(text) {
  const t = text.trim().split("\n")[0];
  return t.length > 100 ? t.slice(0, 100).replace(/\s+\S*$/, "") + "…" : t || "(untitled)";
}

function nameOf(ents, id) {
  const e = ents.find((x) => x.id === id);
  return e ? e.name : id;
}
const names = (ents, ids) => (ids || []).map((i) => nameOf(ents, i)).join(", ");

// highlight cuts the text (code points) at every mark boundary and wraps
// each piece in the classes of the marks covering it.
function highlight(cps, marks) {
  const n = cps.length;
  const cuts = new Set([0, n]);
  for (const m of marks) {
    m.s = Math.max(0, Math.min(n, m.s)); m.e = Math.max(m.s, Math.min(n, m.e));
    cuts.add(m.s); cuts.add(m.e);
  }
  const pts = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const s = pts[i], e = pts[i + 1];
    const str = cps.slice(s, e).join("");
    const on = marks.filter((m) => m.s <= s && e <= m.e && m.e > m.s);
    if (!on.length) { out.push(str); continue; }
    const cls = [...new Set(on.flatMap((m) => m.cls.split(" ")))];
    if (on.some((m) => m.sel)) cls.push("sel");
    out.push(h("span", { class: cls.join(" "), title: on.map((m) => m.title).join(" · ") }, str));
  }
  return out;
}

api("stats").then((s) => {
  document.getElementById("stats").textContent = `${s.articles} articles · ${s.events} events · ${s.happenings} happenings · ${s.quotes} quotes · ${s.entities} entities`;
}).catch(() => {});
render();
