// Verbatim's pages: one document, drawn from the JSON API. Every piece of text from the store goes into the page
// as a text node or an attribute value (textContent, setAttribute): never as HTML.
"use strict";

const main = document.getElementById("main");
const SVG = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------- helpers

/** h("div", {class: "x"}, "text", child, ...): an element; strings become text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const enc = encodeURIComponent;
const quoteUrl = id => "/quotes/" + enc(id);
const speakerUrl = id => "/speakers/" + enc(id);
const articleUrl = id => "/articles/" + enc(id);

function link(href, ...children) {
  return h("a", { href, onclick: e => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) { e.preventDefault(); go(href); } } }, ...children);
}

function show(...children) {
  main.replaceChildren();
  append(main, children);
}

function fmtDate(d) { return d || "undated"; }

/** An article's own URL, only when it is http(s): a stored "javascript:" URL never becomes a link. */
function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }

class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

async function api(path, options) {
  const headers = Object.assign({ Accept: "application/json" }, (options && options.headers) || {});
  const key = localStorage.getItem("verbatim-key");
  if (key) headers.Authorization = "Bearer " + key;
  const res = await fetch(path, Object.assign({}, options, { headers }));
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) throw new ApiError(res.status, (body && body.detail) || res.statusText);
  return body;
}

function errorView(e) {
  if (e instanceof ApiError && e.status === 401) {
    const input = h("input", { type: "password", placeholder: "API key (vb_…)", "aria-label": "API key" });
    return h("div", { class: "notice" },
      "This server needs an API key for reading. ",
      h("div", { class: "keybox" }, input,
        h("button", { onclick: () => { localStorage.setItem("verbatim-key", input.value.trim()); route(); } }, "Use key")));
  }
  if (e instanceof ApiError && e.status === 404) return h("div", { class: "error" }, "Not found: ", e.message);
  return h("div", { class: "error" }, "Something went wrong: ", e.message || String(e));
}

function badge(kind) { return h("span", { class: "badge " + kind }, kind); }

function speakerLink(s) {
  return s ? link(speakerUrl(s.id), s.name) : h("span", { class: "muted" }, "unknown speaker");
}

/** A snippet's parts: matched words in <mark>, the rest as text. */
function snippet(parts) {
  return parts.map(p => p.hit ? h("mark", {}, p.text) : p.text);
}

function quoteCard(q) {
  return h("article", { class: "card hit" },
    h("div", { class: "text" }, q.snippet ? snippet(q.snippet) : q.text),
    h("div", { class: "meta" },
      speakerLink(q.speaker),
      h("span", {}, fmtDate(q.date)),
      q.publisher ? h("span", {}, q.publisher) : null,
      badge(q.kind),
      link(quoteUrl(q.id), "quote"),
      link(articleUrl(q.article), "article")));
}

// ---------------------------------------------------------------- search

async function searchPage(params) {
  const q = params.get("q") || "", speaker = params.get("speaker") || "", publisher = params.get("publisher") || "";
  const from = params.get("from") || "", to = params.get("to") || "";
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const field = (name, label, value, type) => h("label", { class: "field" }, label,
    h("input", { name, value, type: type || "text", placeholder: type === "date" ? "YYYY-MM-DD" : "" }));
  const form = h("form", { class: "search", role: "search", onsubmit: e => {
      e.preventDefault();
      const data = new FormData(form), out = new URLSearchParams();
      for (const [k, v] of data) if (String(v).trim()) out.set(k, String(v).trim());
      go("/" + (out.toString() ? "?" + out : ""));
    } },
    h("div", { class: "main" },
      h("input", { name: "q", value: q, type: "search", placeholder: "Words in a quote, e.g. harbour strike", "aria-label": "Search words", autofocus: !q }),
      h("button", { type: "submit" }, "Search")),
    h("div", { class: "row" },
      field("speaker", "Speaker", speaker), field("publisher", "Publisher", publisher),
      field("from", "From", from, "date"), field("to", "To", to, "date")));
  const results = h("section", { id: "results" }, h("p", { class: "muted" }, "Searching…"));
  show(h("h1", {}, "Search quotes"), form, results);

  const query = new URLSearchParams();
  for (const [k, v] of [["q", q], ["speaker", speaker], ["publisher", publisher], ["from", from], ["to", to]]) if (v) query.set(k, v);
  query.set("page", page); query.set("size", "20");
  try {
    const r = await api("/api/quotes?" + query);
    const pageUrl = p => { const u = new URLSearchParams(query); u.delete("size"); u.set("page", p); return "/?" + u; };
    results.replaceChildren();
    append(results, [
      h("p", { class: "muted small" }, r.results.length === 0 ? "" :
        `${q ? "Best matches" : "Newest quotes"}${r.page > 1 ? `, page ${r.page}` : ""}`),
      r.results.length === 0 ? h("div", { class: "empty" }, q ? "No quote has all these words." : "No quotes match these filters.") : null,
      r.results.map(quoteCard),
      (r.page > 1 || r.hasMore) ? h("div", { class: "pager" },
        r.page > 1 ? link(pageUrl(r.page - 1), "← Previous") : h("span"),
        r.hasMore ? link(pageUrl(r.page + 1), "Next →") : h("span")) : null,
    ]);
  } catch (e) { results.replaceChildren(errorView(e)); }
}

// ---------------------------------------------------------------- speakers

async function speakersPage(params) {
  const q = params.get("q") || "";
  const input = h("input", { name: "q", value: q, type: "search", placeholder: "A name or part of one", "aria-label": "Speaker name" });
  const form = h("form", { class: "search", onsubmit: e => { e.preventDefault(); const v = input.value.trim(); go("/speakers" + (v ? "?q=" + enc(v) : "")); } },
    h("div", { class: "main" }, input, h("button", { type: "submit" }, "Find")));
  const list = h("section", {}, h("p", { class: "muted" }, "Loading…"));
  show(h("h1", {}, "Speakers"), form, list);
  try {
    const r = await api("/api/speakers?size=100" + (q ? "&q=" + enc(q) : ""));
    list.replaceChildren(r.results.length === 0 ? h("div", { class: "empty" }, "No speaker by that name.") :
      h("table", { class: "list" },
        h("thead", {}, h("tr", {}, h("th", {}, "Speaker"), h("th", { class: "hide-small" }, "Type"), h("th", { class: "num" }, "Quotes"),
          h("th", { class: "num hide-small" }, "Articles"), h("th", { class: "hide-small" }, "First – last"))),
        h("tbody", {}, r.results.map(s => h("tr", {},
          h("td", {}, link(speakerUrl(s.id), s.name)), h("td", { class: "hide-small" }, s.type), h("td", { class: "num" }, s.quotes),
          h("td", { class: "num hide-small" }, s.articles), h("td", { class: "hide-small muted" }, `${fmtDate(s.first)} – ${fmtDate(s.last)}`))))));
  } catch (e) { list.replaceChildren(errorView(e)); }
}

/** Bars of quotes per period, drawn as SVG. */
function chart(buckets, period) {
  const W = 860, H = 220, left = 34, bottom = 28, top = 10, right = 8;
  const max = Math.max(1, ...buckets.map(b => b.quotes));
  const n = Math.max(1, buckets.length), slot = (W - left - right) / n, bw = Math.max(2, Math.min(40, slot * 0.75));
  const y = v => top + (H - top - bottom) * (1 - v / max);
  const g = svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Quotes per ${period}` });
  g.append(svg("line", { class: "axis", x1: left, y1: H - bottom, x2: W - right, y2: H - bottom }));
  for (const t of [0, Math.ceil(max / 2), max]) {
    g.append(svg("text", { x: left - 6, y: y(t) + 4, "text-anchor": "end" }, t));
    if (t > 0) g.append(svg("line", { class: "axis", x1: left, y1: y(t), x2: W - right, y2: y(t), "stroke-dasharray": "2 4", opacity: ".5" }));
  }
  buckets.forEach((b, i) => {
    const x = left + i * slot + (slot - bw) / 2;
    const rect = svg("rect", { class: "bar", x, y: y(b.quotes), width: bw, height: Math.max(0, H - bottom - y(b.quotes)), rx: 2 });
    rect.append(svg("title", {}, `${period} of ${b.start}: ${b.quotes} quote${b.quotes === 1 ? "" : "s"}`));
    g.append(rect);
  });
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  buckets.forEach((b, i) => {
    if (i % labelEvery !== 0 && i !== n - 1) return;
    g.append(svg("text", { x: left + i * slot + slot / 2, y: H - bottom + 16, "text-anchor": "middle" }, b.start.slice(5)));
  });
  return g;
}

async function speakerPage(id) {
  show(h("p", { class: "muted" }, "Loading…"));
  try {
    const s = await api("/api/speakers/" + enc(id));
    document.title = s.name + " · Verbatim";
    const stat = (v, label) => h("div", { class: "stat" }, h("b", {}, v), h("span", {}, label));
    show(
      h("h1", {}, s.name),
      h("div", { class: "meta" }, badge(s.type), s.titles.length ? h("span", {}, s.titles.join(" · ")) : null),
      h("div", { class: "stats" }, stat(s.quotes, "quotes"), stat(s.articles, "articles"), stat(fmtDate(s.first), "first"), stat(fmtDate(s.last), "last")),
      h("h2", {}, `Quotes per ${s.period}`),
      h("div", { class: "card", id: "chart" }, s.quotesOverTime.length ? chart(s.quotesOverTime, s.period) : h("p", { class: "muted" }, "No dated quotes.")),
      s.subjects.length ? [h("h2", {}, "Subjects"), h("div", { class: "chips" }, s.subjects.map(t =>
        link("/?q=" + enc(t.term) + "&speaker=" + enc(s.id), h("span", { class: "chip" }, t.term, h("small", {}, t.quotes)))))] : null,
      s.aliases.length > 1 ? [h("h2", {}, "Names used"), h("div", { class: "chips" }, s.aliases.map(a => h("span", { class: "chip" }, a.name, h("small", {}, a.quotes))))] : null,
      h("h2", {}, "Latest quotes"),
      s.latest.map(quoteCard),
      s.quotes > s.latest.length ? h("p", {}, link("/?speaker=" + enc(s.id), `All ${s.quotes} quotes →`)) : null);
  } catch (e) { show(errorView(e)); }
}

// ---------------------------------------------------------------- one quote

async function quotePage(id) {
  show(h("p", { class: "muted" }, "Loading…"));
  try {
    const d = await api("/api/quotes/" + enc(id));
    const q = d.quote;
    document.title = "Quote · Verbatim";
    let passage = null;
    if (d.passage) {
      const parts = [], base = d.passageStart;
      let at = 0;
      for (const c of d.content) {
        const s = c.start - base, e = c.end - base;
        if (s < at || e > d.passage.length) continue;
        parts.push(d.passage.slice(at, s), h("span", { class: "this" }, d.passage.slice(s, e)));
        at = e;
      }
      parts.push(d.passage.slice(at));
      passage = [h("h2", {}, "In the article"), h("div", { class: "card passage" }, parts)];
    }
    show(
      h("blockquote", { class: "big" }, q.text),
      h("div", { class: "meta" }, speakerLink(q.speaker), q.cue ? h("span", {}, q.cue) : null, h("span", {}, fmtDate(q.date)),
        q.publisher ? h("span", {}, q.publisher) : null, badge(q.kind), h("span", {}, `confidence ${Math.round(q.confidence * 100)}%`),
        q.uttered ? h("span", {}, "said on " + q.uttered) : null),
      h("p", {}, link(articleUrl(d.article.id), d.article.title || d.article.id)),
      passage,
      provenanceView(d));
  } catch (e) { show(errorView(e)); }
}

/** Where a quote was first printed, by which outlets, and every wording of it (its quote cluster). */
function provenanceView(d) {
  const p = d.provenance, c = d.cluster;
  if (!p || !c) return h("section", { id: "provenance" }, h("h2", {}, "Provenance"), h("p", { class: "muted" }, d.note || "No provenance is stored."));
  const stat = (v, label) => h("div", { class: "stat" }, h("b", {}, v), h("span", {}, label));
  return h("section", { id: "provenance" },
    h("h2", {}, "Provenance"),
    h("div", { class: "stats" },
      stat(fmtDate(p.firstSeen), "first seen"),
      stat(p.outlets.length, p.outlets.length === 1 ? "outlet" : "outlets"),
      stat(c.articles, c.articles === 1 ? "article" : "articles"),
      stat(c.variants.length, c.variants.length === 1 ? "wording" : "wordings")),
    h("p", {}, "First printed in ", link(articleUrl(p.firstArticle), p.firstPublisher || p.firstArticle),
      c.speaker ? [", said by ", speakerLink(c.speaker)] : null, "."),
    h("table", { class: "list outlets" },
      h("thead", {}, h("tr", {}, h("th", {}, "Outlet"), h("th", { class: "num" }, "Quotes"), h("th", { class: "num" }, "Articles"), h("th", {}, "First"))),
      h("tbody", {}, p.outlets.map(o => h("tr", {}, h("td", {}, o.publisher), h("td", { class: "num" }, o.quotes), h("td", { class: "num" }, o.articles), h("td", {}, fmtDate(o.first)))))),
    h("h2", {}, "Wordings"),
    c.variants.map(v => h("div", { class: "card hit variant" + (v.current ? " current" : "") },
      h("div", { class: "text" }, v.text),
      h("div", { class: "meta" },
        v.current ? h("span", { class: "sim" }, "this quote's wording") : null,
        h("span", {}, v.quotes === 1 ? "1 quote" : v.quotes + " quotes"),
        v.fragment ? h("span", { class: "badge" }, "fragment") : null,
        h("span", {}, "first seen " + fmtDate(v.firstSeen)),
        link(articleUrl(v.firstArticle), "first article")))),
    h("p", { class: "muted small" }, "Method: ", p.method));
}

// ---------------------------------------------------------------- one article

async function articlePage(id) {
  show(h("p", { class: "muted" }, "Loading…"));
  try {
    const a = await api("/api/articles/" + enc(id));
    document.title = (a.title || a.id) + " · Verbatim";
    // Cut the text at every quote boundary; each piece knows the quotes covering it (a mixed quote can hold a direct one).
    // The text before bodyStart is a header (" date YYYY-MM-DD "), not part of the article: it is not shown.
    const cuts = new Set([a.bodyStart || 0, a.text.length]);
    a.quotes.forEach(q => q.content.forEach(c => { cuts.add(c.start); cuts.add(c.end); }));
    const points = [...cuts].filter(x => x >= (a.bodyStart || 0) && x <= a.text.length).sort((x, y) => x - y);
    const body = h("div", { class: "article-text", id: "article-text" });
    const detail = h("div", { class: "card", id: "quote-detail", hidden: true });
    const select = (q, el) => {
      body.querySelectorAll(".q.selected").forEach(m => m.classList.remove("selected"));
      body.querySelectorAll(`.q[data-quote="${CSS.escape(q.id)}"]`).forEach(m => m.classList.add("selected"));
      detail.hidden = false;
      detail.replaceChildren(h("div", { class: "text" }, "“", q.text, "”"),
        h("div", { class: "meta" }, speakerLink(q.speaker), q.cue ? h("span", {}, q.cue.text) : null, badge(q.kind), link(quoteUrl(q.id), "quote page")));
    };
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i], e = points[i + 1], piece = a.text.slice(s, e);
      const covering = a.quotes.filter(q => q.content.some(c => c.start <= s && e <= c.end));
      if (covering.length === 0) { body.append(piece); continue; }
      const inner = covering.reduce((x, y) => (y.text.length < x.text.length ? y : x));
      const who = covering.map(q => (q.speaker ? q.speaker.name : "unknown speaker") + " (" + q.kind + ")");
      body.append(h("span", {
        class: "q" + (covering.length > 1 ? " nested" : ""), tabindex: 0, "data-quote": inner.id,
        "data-speaker": [...new Set(who)].join(" · "), title: [...new Set(who)].join(" · "),
        onclick: ev => select(inner, ev.currentTarget), onkeydown: ev => { if (ev.key === "Enter") select(inner, ev.currentTarget); },
      }, piece));
    }
    show(
      h("h1", {}, a.title || a.id),
      h("div", { class: "meta" }, h("span", {}, fmtDate(a.date)), a.publisher ? h("span", {}, a.publisher) : null,
        h("span", {}, `${a.quotes.length} quotes, ${a.speakers.length} speakers`),
        safeUrl(a.url) ? h("a", { href: safeUrl(a.url), rel: "noopener noreferrer nofollow", target: "_blank", class: "original" }, "original") : null),
      h("p", { class: "muted small" }, "Quotations are marked; hover or tap one to see who said it."),
      detail, body,
      h("h2", {}, "Speakers"),
      h("div", { class: "chips" }, a.speakers.map(s => link(speakerUrl(s.id), h("span", { class: "chip" }, s.name, s.title ? h("small", {}, s.title) : null)))));
  } catch (e) { show(errorView(e)); }
}

// ---------------------------------------------------------------- verify

/** The verifier's word difference ("[-attested-] {+claimed+}") as marked text: removed words struck, added words marked. */
function diffView(diff) {
  const out = [], re = /\[-(.*?)-\]|\{\+(.*?)\+\}/g;
  let at = 0, m;
  while ((m = re.exec(diff))) {
    out.push(diff.slice(at, m.index));
    out.push(m[1] !== undefined ? h("del", {}, m[1]) : h("ins", {}, m[2]));
    at = re.lastIndex;
  }
  out.push(diff.slice(at));
  return out;
}

function verifyPage(params) {
  const text = h("textarea", { name: "text", rows: 4, placeholder: "The words as you read them", "aria-label": "Quote text", required: true });
  text.value = params.get("text") || "";
  const speaker = h("input", { name: "speaker", value: params.get("speaker") || "", placeholder: "Who is said to have said it (optional)", "aria-label": "Speaker" });
  const out = h("section", { id: "verify-result" });
  const button = h("button", { type: "submit" }, "Verify");
  const form = h("form", { class: "search", onsubmit: async e => {
      e.preventDefault();
      button.disabled = true;
      out.replaceChildren(h("p", { class: "muted" }, "Checking…"));
      try {
        const r = await api("/api/verify", { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: text.value, speaker: speaker.value || null }) });
        out.replaceChildren();
        const label = { verbatim: "verbatim", fragment: "fragment of a longer quote", altered: "altered", misattributed: "misattributed", not_found: "not found" };
        append(out, [
          h("div", { class: "verdict " + r.verdict, id: "verdict" }, h("b", {}, label[r.verdict] || r.verdict),
            r.speakerMatches === true ? " · speaker matches" : r.speakerMatches === false ? " · different speaker" : "",
            h("div", {}, r.explanation),
            r.diff ? h("div", { class: "diff" }, diffView(r.diff)) : null,
            r.fullText ? h("div", { class: "small" }, "Whole quote: “", r.fullText, "”") : null),
          r.matches.map(m => h("div", { class: "card hit" },
            h("div", { class: "text" }, m.text),
            h("div", { class: "meta" }, h("span", { class: "sim" }, Math.round(m.similarity * 100) + "% alike"),
              speakerLink(m.speaker), h("span", {}, "first seen " + fmtDate(m.firstSeen)), m.publisher ? h("span", {}, m.publisher) : null,
              h("span", {}, m.articles === 1 ? "1 article" : m.articles + " articles"),
              link(articleUrl(m.article), "first article")))),
          h("p", { class: "muted small" }, "Method: ", r.method)]);
      } catch (err) { out.replaceChildren(errorView(err)); }
      button.disabled = false;
    } },
    h("label", { class: "field" }, "Quote", text),
    h("label", { class: "field" }, "Speaker", speaker),
    h("div", {}, button));
  show(h("h1", {}, "Verify a quote"), h("p", { class: "muted" }, "Was it said, in these words, by this person? Paste it: the answer is the same as verbatim verify gives (verbatim, fragment, altered, misattributed, not found), with the closest attested quotes."), form, out);
}

// ---------------------------------------------------------------- routing

function route() {
  const path = location.pathname, params = new URLSearchParams(location.search);
  let m, nav = "search";
  document.title = "Verbatim";
  if ((m = path.match(/^\/speakers\/(.+)$/))) { nav = "speakers"; speakerPage(decodeURIComponent(m[1])); }
  else if (path === "/speakers" || path === "/speakers/") { nav = "speakers"; speakersPage(params); }
  else if ((m = path.match(/^\/quotes\/(.+)$/))) { quotePage(decodeURIComponent(m[1])); }
  else if ((m = path.match(/^\/articles\/(.+)$/))) { articlePage(decodeURIComponent(m[1])); }
  else if (path === "/verify") { nav = "verify"; verifyPage(params); }
  else if (path === "/" || path === "/index.html") { searchPage(params); }
  else show(h("div", { class: "error" }, "No such page. "), link("/", "Search quotes"));
  document.querySelectorAll("[data-nav]").forEach(a => a.classList.toggle("active", a.dataset.nav === nav));
}

function go(href) {
  history.pushState(null, "", href);
  window.scrollTo(0, 0);
  route();
}

document.querySelectorAll("header a").forEach(a => a.addEventListener("click", e => {
  if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault(); go(a.getAttribute("href"));
}));
window.addEventListener("popstate", route);
route();
