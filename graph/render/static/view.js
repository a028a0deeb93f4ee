/* govgraph views: the knowledge-flow graph (vis-network) and the timeline (plotly).
 *
 * Safety rule of this file: text from the documents is put into the page only through
 * textContent (or as plotly text with <, > and & turned into entities). No innerHTML, no
 * HTML strings for vis-network tooltips: the tooltip is our own element.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("govgraph-data").textContent);
  var DAY = 86400000;

  var TYPE_STYLE = {
    Report: { color: "#1f77b4" },
    Informing: { color: "#2ca02c" },
    NonDisclosure: { color: "#d62728", dashes: [10, 6] },
    Agreement: { color: "#9467bd" },
    Investigation: { color: "#8c564b" },
    Commissioning: { color: "#e377c2" },
    Confrontation: { color: "#ff7f0e" },
    Resignation: { color: "#222222", dashes: [2, 4] },
    KnowledgeStatement: { color: "#17becf", dashes: [5, 4] },
    Query: { color: "#7f7f7f" }
  };
  var AGENT_STYLE = {
    Person: { shape: "dot", color: "#4e79a7", glyph: "\u25CF" },
    Body: { shape: "square", color: "#b07aa1", glyph: "\u25A0" },
    Organization: { shape: "diamond", color: "#59a14f", glyph: "\u25C6" },
    Group: { shape: "triangle", color: "#f28e2b", glyph: "\u25B2" },
    Role: { shape: "star", color: "#c9a227", glyph: "\u2605" }
  };
  var GREY = { background: "#e4e4e4", border: "#b9b9b9", font: "#9a9a9a" };
  var FADED_OPACITY = 0.12;

  // -- small DOM helpers (text only) ---------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }
  function norm(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function isoFromDay(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function dayFromIso(s) { return Math.round(Date.parse(s + "T00:00:00Z") / DAY); }

  // -- indexes ----------------------------------------------------------------------------------
  var nodeById = {};
  DATA.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var edgeById = {};
  var edgesByEvent = {};
  var eventsByAgent = {};
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    if (e.event) (edgesByEvent[e.event] = edgesByEvent[e.event] || []).push(e.id);
  });
  Object.keys(DATA.events).forEach(function (id) {
    var ev = DATA.events[id];
    ev.agents.concat(ev.recipients).forEach(function (a) {
      var list = eventsByAgent[a] = eventsByAgent[a] || [];
      if (list.indexOf(id) < 0) list.push(id);
    });
  });
  function label(id) { return nodeById[id] ? nodeById[id].label : String(id).replace(/.*\//, ""); }

  // -- state ------------------------------------------------------------------------------------
  var range = DATA.dateRange || [null, null];
  var state = {
    asOf: range[1] || "9999-12-31",
    matter: "",
    types: {},
    docs: {}
  };
  DATA.eventTypes.concat(["Query"]).forEach(function (t) { state.types[t] = true; });
  Object.keys(DATA.documents).forEach(function (d) { state.docs[d] = true; });

  function knewBy(n, asOf, matter) {
    for (var i = 0; i < n.knowledge.length; i++) {
      var k = n.knowledge[i];
      if (k.since && k.since <= asOf && (!matter || k.matter === matter)) return true;
    }
    return false;
  }
  function edgeHidden(e) {
    if (!state.types[e.type]) return true;
    var ev = e.event && DATA.events[e.event];
    if (ev && ev.sources.length) {
      for (var i = 0; i < ev.sources.length; i++) if (state.docs[ev.sources[i]] !== false) return false;
      return true;
    }
    return false;
  }
  function edgeFaded(e) {
    var ev = e.event && DATA.events[e.event];
    return !!(ev && ev.begin && ev.begin > state.asOf);
  }

  // -- vis items --------------------------------------------------------------------------------
  function nodeItem(n, lit) {
    var st = AGENT_STYLE[n.type] || AGENT_STYLE.Person;
    var item = {
      id: n.id, lit: lit, shape: st.shape, size: 16,
      color: lit
        ? { background: st.color, border: "#222", highlight: { background: st.color, border: "#000" }, hover: { background: st.color, border: "#000" } }
        : { background: GREY.background, border: GREY.border, highlight: { background: GREY.background, border: "#555" }, hover: { background: GREY.background, border: "#555" } },
      borderWidth: lit ? 3 : 1,
      font: { color: lit ? "#111" : GREY.font, size: 14, strokeWidth: 3, strokeColor: "#fff" },
      shadow: { enabled: lit && !big, color: "rgba(0,0,0,0.35)", size: 8, x: 0, y: 0 }
    };
    return item;
  }
  function edgeItem(e, faded, hidden) {
    var st = TYPE_STYLE[e.type] || TYPE_STYLE.Query;
    var ev = e.event && DATA.events[e.event];
    var item = {
      id: e.id, from: e.from, to: e.to, faded: faded, hidden: hidden,
      color: { color: st.color, highlight: st.color, hover: st.color, opacity: faded ? FADED_OPACITY : 1 },
      font: { size: 11, color: faded ? "rgba(60,60,60,0.25)" : "#333", strokeWidth: 3, strokeColor: "#fff", align: "middle" },
      dashes: st.dashes || false,
      width: e.type === "NonDisclosure" ? 2.5 : 1.8
    };
    return item;
  }
  function edgeStatic(e) {
    var ev = e.event && DATA.events[e.event];
    var item = edgeItem(e, edgeFaded(e), edgeHidden(e));
    item.label = ev ? (e.type + (ev.dateLabel ? " " + ev.dateLabel : "")) : (e.label || e.type);
    if (e.self) {
      item.arrows = { to: { enabled: false } };
      item.selfReference = { size: 14 + 7 * ((e.curve || 1) - 1), angle: ((e.curve || 1) - 1) * Math.PI / 3 };
    } else {
      item.arrows = { to: { enabled: true, scaleFactor: 0.6 } };
      item.smooth = e.curve ? { enabled: true, type: "curvedCW", roundness: 0.14 * e.curve } : false;
    }
    return item;
  }

  var big = DATA.edges.length > 3000 || DATA.nodes.length > 1500;
  var nodeLit = {};
  var edgeKey = {};
  var nodesDS = new vis.DataSet(DATA.nodes.map(function (n) {
    var lit = knewBy(n, state.asOf, state.matter);
    nodeLit[n.id] = lit;
    var item = nodeItem(n, lit);
    item.label = n.label;
    item.x = n.x; item.y = n.y;
    return item;
  }));
  var edgesDS = new vis.DataSet(DATA.edges.map(function (e) {
    var item = edgeStatic(e);
    edgeKey[e.id] = (item.faded ? 1 : 0) + (item.hidden ? 2 : 0);
    return item;
  }));

  var network = new vis.Network($("network"), { nodes: nodesDS, edges: edgesDS }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false, tooltipDelay: 3600000 },
    nodes: { font: { size: 14 } },
    edges: { selectionWidth: 2, hoverWidth: 0.5 }
  });

  // Restyling through the DataSets costs ~0.1 ms an item in vis-network 9.1.2 (its update
  // handler re-parses every item and re-indexes the whole network), too slow for a slider on
  // 20,000 edges. The options an item is drawn with are read again at every draw, so the
  // fast path changes those in place and redraws; the DataSets keep the initial styles.
  // If the internals are not there (another vis-network), the DataSets are used instead.
  var fast = !!(network.body && network.body.nodes && network.body.edges);
  function restyleNode(id, lit) {
    var N = network.body.nodes[id], item = nodeItem(nodeById[id], lit);
    var c = N.options.color, ic = item.color;
    c.background = ic.background; c.border = ic.border;
    c.highlight.background = ic.highlight.background; c.highlight.border = ic.highlight.border;
    c.hover.background = ic.hover.background; c.hover.border = ic.hover.border;
    N.options.borderWidth = item.borderWidth;
    N.options.shadow.enabled = !!item.shadow;
    N.labelModule.fontOptions.color = item.font.color;
  }
  function restyleEdge(id, faded, hidden) {
    var E = network.body.edges[id], item = edgeItem(edgeById[id], faded, hidden);
    E.options.color.opacity = item.color.opacity;
    E.labelModule.fontOptions.color = item.font.color;
    var changed = E.options.hidden !== hidden;
    E.options.hidden = hidden;
    return changed;
  }

  // Level of detail for big graphs: zoomed out, arrowheads and dash patterns are smaller
  // than a pixel but cost half the drawing time (software canvas), so they are left out
  // until the user zooms in.
  var LOD_SCALE = 0.35, detailed = true;
  function checkDetail() {
    if (!big || !fast) return;
    var on = network.getScale() >= LOD_SCALE;
    if (on === detailed) return;
    detailed = on;
    DATA.edges.forEach(function (e) {
      var E = network.body.edges[e.id];
      E.options.arrows.to.enabled = on && !e.self;
      E.options.dashes = on ? ((TYPE_STYLE[e.type] || TYPE_STYLE.Query).dashes || false) : false;
    });
  }
  network.on("initRedraw", checkDetail);
  network.on("zoom", checkDetail);
  checkDetail();

  // the one function that applies the slider, the matter and the filters to the drawing
  function applyState() {
    var nUp = [], eUp = [], visibility = false;
    DATA.nodes.forEach(function (n) {
      var lit = knewBy(n, state.asOf, state.matter);
      if (lit !== nodeLit[n.id]) {
        nodeLit[n.id] = lit;
        if (fast) restyleNode(n.id, lit); else nUp.push(nodeItem(n, lit));
      }
    });
    DATA.edges.forEach(function (e) {
      var faded = edgeFaded(e), hidden = edgeHidden(e);
      var key = (faded ? 1 : 0) + (hidden ? 2 : 0);
      if (key !== edgeKey[e.id]) {
        edgeKey[e.id] = key;
        if (fast) visibility = restyleEdge(e.id, faded, hidden) || visibility;
        else eUp.push(edgeItem(e, faded, hidden));
      }
    });
    if (fast) {
      // hidden edges leave the network's index of visible edges, which it rebuilds on this event
      if (visibility) network.body.emitter.emit("_dataChanged");
      network.redraw();
    } else {
      if (nUp.length) nodesDS.update(nUp);
      if (eUp.length) edgesDS.update(eUp);
    }
    $("asof-label").textContent = state.asOf;
    api.asOf = state.asOf;
    api.updates += 1;
    if (timelineDrawn) markTimelineDate();
  }

  // -- header controls ----------------------------------------------------------------------------
  $("gg-title").textContent = DATA.title;
  var slider = $("asof");
  if (range[0] && range[1]) {
    slider.min = String(dayFromIso(range[0]));
    slider.max = String(dayFromIso(range[1]));
    slider.value = slider.max;
  } else {
    slider.disabled = true;
  }
  $("asof-label").textContent = range[1] ? state.asOf : "no dates";
  var pending = false;
  slider.addEventListener("input", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      state.asOf = isoFromDay(Number(slider.value));
      applyState();
    });
  });
  var matterSel = $("matter");
  Object.keys(DATA.matters).forEach(function (m) {
    var o = el("option", null, DATA.matters[m]);
    o.value = m;
    matterSel.appendChild(o);
  });
  matterSel.addEventListener("change", function () { state.matter = matterSel.value; applyState(); });

  // search
  var search = $("search"), results = $("search-results");
  function runSearch() {
    var q = norm(search.value.trim());
    results.replaceChildren();
    if (!q) { results.hidden = true; return []; }
    var hits = DATA.nodes.filter(function (n) {
      if (norm(n.label).indexOf(q) >= 0) return true;
      for (var i = 0; i < n.alts.length; i++) if (norm(n.alts[i]).indexOf(q) >= 0) return true;
      return false;
    }).slice(0, 30);
    hits.forEach(function (n) {
      var li = el("li", null, n.label);
      li.appendChild(el("span", "dim", " \u2013 " + n.type));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(n.id); });
      results.appendChild(li);
    });
    if (!hits.length) results.appendChild(el("li", "dim", "no agent with that name"));
    results.hidden = false;
    return hits;
  }
  function pick(id) {
    results.hidden = true;
    selectNode(id, true);
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var h = runSearch(); if (h.length) pick(h[0].id); }
    if (ev.key === "Escape") { results.hidden = true; }
  });
  search.addEventListener("blur", function () { setTimeout(function () { results.hidden = true; }, 150); });

  // tabs
  var timelineDrawn = false;
  function showTab(name) {
    ["graph", "timeline"].forEach(function (t) {
      $("view-" + t).hidden = t !== name;
      $("tab-" + t).setAttribute("aria-selected", String(t === name));
    });
    if (name === "timeline") drawTimeline();
    else network.redraw();
  }
  document.querySelectorAll("#gg-tabs button").forEach(function (b) {
    b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); });
  });

  // -- side panel -------------------------------------------------------------------------------
  var details = $("details");
  function typeBadge(t) {
    var b = el("span", "typebadge", t);
    b.style.background = (TYPE_STYLE[t] || TYPE_STYLE.Query).color;
    return b;
  }
  function agentLink(id) {
    var b = el("button", "linkish", label(id));
    b.type = "button";
    b.addEventListener("click", function () { selectNode(id, true); });
    return b;
  }
  function eventLink(evId, text) {
    var b = el("button", "linkish", text);
    b.type = "button";
    b.addEventListener("click", function () {
      var ids = edgesByEvent[evId] || [];
      if (ids.length) selectEdge(ids[0], true); else showEvent(evId);
    });
    return b;
  }
  function docBlock(docId, page) {
    var d = DATA.documents[docId] || {};
    var div = el("div", "source");
    div.appendChild(el("span", "title", d.title || String(docId).replace(/.*\//, "")));
    var meta = [d.publisherLabel, d.originalPublisherLabel && d.originalPublisherLabel !== d.publisherLabel ? "(orig. " + d.originalPublisherLabel + ")" : null, d.issued, page ? "p. " + page : null]
      .filter(Boolean).join(", ");
    if (meta) div.appendChild(el("span", "dim", " \u2013 " + meta));
    var url = safeUrl(d.url);
    if (url) {
      div.appendChild(document.createTextNode(" "));
      var a = el("a", null, "open");
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      div.appendChild(a);
    } else if (d.sourceFile) {
      div.appendChild(el("span", "dim", " [" + d.sourceFile + "]"));
    }
    return div;
  }
  function quoteBlock(q) {
    var b = el("blockquote", "quote");
    if (q.prefix) b.appendChild(el("span", "ctx", "\u2026" + q.prefix));
    b.appendChild(el("span", "exact", q.exact));
    if (q.suffix) b.appendChild(el("span", "ctx", q.suffix + "\u2026"));
    return b;
  }
  function when(ev) {
    if (!ev.begin) return "undated";
    var s = ev.dateLabel || ev.begin;
    if (ev.timeText) s += " (\u201C" + ev.timeText + "\u201D" + (ev.precision ? ", " + ev.precision : "") + ")";
    return s;
  }
  function showEvent(evId, edge) {
    var ev = DATA.events[evId];
    details.replaceChildren(el("h2", null, "Event"));
    if (!ev) {
      details.appendChild(el("p", null, (edge && edge.label) || "A relation from the query"));
      if (edge) {
        var r = el("div", "row");
        r.append(agentLink(edge.from), el("span", null, "\u2192"), agentLink(edge.to));
        details.appendChild(r);
      }
      return;
    }
    var head = el("div", "row");
    head.appendChild(typeBadge(ev.type));
    if (ev.polarity === "negative") head.appendChild(el("span", "dim", "negative"));
    details.appendChild(head);
    var who = el("p", "row");
    ev.agents.forEach(function (a) { who.appendChild(agentLink(a)); });
    if (ev.recipients.length) {
      who.appendChild(el("span", null, "\u2192"));
      ev.recipients.forEach(function (a) { who.appendChild(agentLink(a)); });
    }
    details.appendChild(who);
    details.appendChild(el("p", null, "When: " + when(ev)));
    if (ev.matter) details.appendChild(el("p", null, "Matter: " + (ev.matterLabel || ev.matter)));
    if (ev.aboutText) details.appendChild(el("p", null, "About: " + ev.aboutText));
    if (ev.confidence !== null && ev.confidence !== undefined)
      details.appendChild(el("p", "dim", "Confidence " + ev.confidence));
    if (ev.quotes.length) details.appendChild(el("h3", null, "Quotes"));
    ev.quotes.forEach(function (q) {
      details.appendChild(quoteBlock(q));
      if (q.doc) details.appendChild(docBlock(q.doc, q.page));
    });
    if (ev.attributions.length) {
      details.appendChild(el("h3", null, "According to"));
      ev.attributions.forEach(function (at) {
        details.appendChild(el("p", null, (at.whoLabel || label(at.who)) + (at.cue ? " (\u201C" + at.cue + "\u201D)" : "")));
      });
    }
    details.appendChild(el("h3", null, "Sources"));
    ev.sources.forEach(function (d) { details.appendChild(docBlock(d)); });
  }
  function showNode(id) {
    var n = nodeById[id];
    details.replaceChildren(el("h2", null, n.label));
    var g = AGENT_STYLE[n.type] || AGENT_STYLE.Person;
    var t = el("p", null, n.type);
    t.style.color = g.color;
    details.appendChild(t);
    if (n.alts.length) details.appendChild(el("p", "dim", "Also: " + n.alts.join("; ")));
    details.appendChild(el("h3", null, "Knew"));
    if (!n.knowledge.length) details.appendChild(el("p", "dim", "No knowledge recorded."));
    n.knowledge.forEach(function (k) {
      var p = el("p", null, (k.since || "undated") + ": " + (k.matterLabel || k.matter || "?") + " (" + (k.derivation || "") + ") ");
      if (k.basis && DATA.events[k.basis]) p.appendChild(eventLink(k.basis, "basis: " + DATA.events[k.basis].type));
      details.appendChild(p);
    });
    var evs = (eventsByAgent[id] || []).slice().sort(function (a, b) {
      var x = DATA.events[a].begin || "9999", y = DATA.events[b].begin || "9999";
      return x < y ? -1 : x > y ? 1 : (a < b ? -1 : 1);
    });
    details.appendChild(el("h3", null, "Events (" + evs.length + ")"));
    var ul = el("ul", "evlist");
    evs.forEach(function (evId) {
      var ev = DATA.events[evId];
      var li = el("li");
      li.appendChild(el("span", "dim", (ev.dateLabel || "undated") + " "));
      li.appendChild(eventLink(evId, ev.type));
      var others = ev.agents.indexOf(id) >= 0 ? ev.recipients : ev.agents;
      var arrow = ev.agents.indexOf(id) >= 0 ? " \u2192 " : " \u2190 ";
      if (others.length) li.appendChild(el("span", null, arrow + others.map(label).join(", ")));
      if (ev.quotes.length) li.appendChild(el("div", "dim", "\u201C" + ev.quotes[0].exact + "\u201D"));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }
  function selectNode(id, focus) {
    if (!nodeById[id]) return false;
    showTab("graph");
    network.selectNodes([id]);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showNode(id);
    return true;
  }
  function selectEdge(id, focus) {
    var e = edgeById[id];
    if (!e) return false;
    network.selectEdges([id]);
    if (focus) network.focus(e.from, { scale: Math.max(network.getScale(), 0.8), animation: false });
    showEvent(e.event, e);
    return true;
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) { var e = edgeById[p.edges[0]]; showEvent(e.event, e); }
  });

  // -- tooltip (our own element, text only) --------------------------------------------------------
  var tip = $("tooltip");
  function showTip(pointer, parts) {
    tip.replaceChildren();
    parts.forEach(function (p, i) { if (p) tip.appendChild(el("div", i === 0 ? "t" : null, p)); });
    tip.style.left = (pointer.x + 14) + "px";
    tip.style.top = (pointer.y + 14) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) {
    var n = nodeById[p.node];
    var since = n.knowledge.length ? "knew since " + (n.knowledge[0].since || "?") : "no knowledge recorded";
    showTip(p.pointer.DOM, [n.label, n.type + ", " + since, (eventsByAgent[n.id] || []).length + " events"]);
  });
  network.on("hoverEdge", function (p) {
    var e = edgeById[p.edge], ev = e && e.event && DATA.events[e.event];
    if (!ev) { showTip(p.pointer.DOM, [e ? (e.label || e.type) : ""]); return; }
    var q = ev.quotes[0];
    var d = DATA.documents[(q && q.doc) || ev.sources[0]] || {};
    showTip(p.pointer.DOM, [
      ev.type + " " + (ev.dateLabel || "undated"),
      ev.agents.map(label).join(", ") + (ev.recipients.length ? " \u2192 " + ev.recipients.map(label).join(", ") : ""),
      q ? "\u201C" + (q.exact.length > 240 ? q.exact.slice(0, 240) + "\u2026" : q.exact) + "\u201D" : null,
      d.title ? d.title + (d.publisherLabel ? " \u2013 " + d.publisherLabel : "") + (d.issued ? ", " + d.issued : "") : null
    ]);
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (n) { network.on(n, function () { tip.hidden = true; }); });

  // -- filters, legend, analysis ---------------------------------------------------------------
  function checkbox(text, checked, onChange, color) {
    var lab = el("label");
    var cb = el("input");
    cb.type = "checkbox"; cb.checked = checked;
    cb.addEventListener("change", function () { onChange(cb.checked); applyState(); });
    lab.appendChild(cb);
    if (color) { var s = el("span", "swatch"); s.style.borderTopColor = color; lab.appendChild(s); }
    lab.appendChild(document.createTextNode(text));
    return lab;
  }
  var present = {};
  DATA.edges.forEach(function (e) { present[e.type] = (present[e.type] || 0) + 1; });
  DATA.eventTypes.concat(["Query"]).forEach(function (t) {
    if (!present[t]) return;
    var lab = checkbox(t + " (" + present[t] + ")", true, function (on) { state.types[t] = on; }, TYPE_STYLE[t].color);
    lab.querySelector("input").setAttribute("data-type", t);
    $("filter-types").appendChild(lab);
  });
  Object.keys(DATA.documents).forEach(function (d) {
    var doc = DATA.documents[d];
    var text = (doc.issued ? doc.issued + " " : "") + (doc.title || d);
    var lab = checkbox(text, true, function (on) { state.docs[d] = on; });
    lab.querySelector("input").setAttribute("data-doc", d);
    $("filter-docs").appendChild(lab);
  });
  (function legend() {
    var box = $("legend-body");
    box.appendChild(el("h3", null, "Agents"));
    DATA.agentTypes.forEach(function (t) {
      var r = el("div", "legend-row");
      var g = el("span", "glyph", AGENT_STYLE[t].glyph);
      g.style.color = AGENT_STYLE[t].color;
      r.append(g, document.createTextNode(t));
      box.appendChild(r);
    });
    var r1 = el("div", "legend-row"); var g1 = el("span", "glyph", "\u25CF"); g1.style.color = "#4e79a7"; g1.style.textShadow = "0 0 4px #000";
    r1.append(g1, document.createTextNode("in colour: knew of the matter by the date"));
    var r2 = el("div", "legend-row"); var g2 = el("span", "glyph", "\u25CF"); g2.style.color = GREY.background;
    r2.append(g2, document.createTextNode("grey: did not know yet (as far as the sources show)"));
    box.append(r1, r2);
    box.appendChild(el("h3", null, "Events (arrows)"));
    DATA.eventTypes.forEach(function (t) {
      var r = el("div", "legend-row");
      var s = el("span", "swatch");
      s.style.borderTopColor = TYPE_STYLE[t].color;
      if (TYPE_STYLE[t].dashes) s.style.borderTopStyle = "dashed";
      var note = (t === "Resignation" || t === "KnowledgeStatement") ? " (loop on the agent)" : "";
      r.append(s, document.createTextNode(t + note));
      box.appendChild(r);
    });
    box.appendChild(el("p", "dim", "Faded arrows happen after the date; undated ones always show."));
  })();
  (function analysis() {
    var a = DATA.analysis, box = $("analysis-body");
    if (!a) { box.appendChild(el("p", "dim", "Not computed.")); return; }
    box.appendChild(el("p", "dim", a.agents + " agents, " + a.arcs + " arcs of Report and Informing"));
    box.appendChild(el("h3", null, "Brokers (betweenness" + (a.approximate ? ", estimated" : "") + ")"));
    if (!a.betweenness.length) box.appendChild(el("p", "dim", "none"));
    a.betweenness.forEach(function (b) {
      var r = el("div", "row");
      r.append(el("span", "dim", b.score.toFixed(3)), agentLink(b.agent));
      box.appendChild(r);
    });
    box.appendChild(el("h3", null, "Body informed last"));
    if (!a.lastInformed) { box.appendChild(el("p", "dim", "none")); return; }
    var r = el("div", "row");
    r.append(agentLink(a.lastInformed.agent), el("span", "dim", a.lastInformed.date || ""));
    box.appendChild(r);
    box.appendChild(el("h3", null, "Shortest path from a reporter"));
    if (!a.path) { box.appendChild(el("p", "dim", "none")); return; }
    var ul = el("ul", "evlist");
    a.path.hops.forEach(function (h) {
      var li = el("li");
      li.append(el("span", "dim", (h.date || "undated") + " "), agentLink(h.from), el("span", null, " \u2192 "), agentLink(h.to), el("span", "dim", " "));
      li.appendChild(eventLink(h.event, h.type));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    if (!a.path.chronological) box.appendChild(el("p", "dim", "The hops are not in order of time."));
  })();

  // -- timeline (plotly, drawn on first view) ----------------------------------------------------
  function ptext(s) {  // plotly reads a few HTML tags in text: show ours as entities instead
    return String(s === null || s === undefined ? "" : s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function laneNames() {
    var seen = {}, names = {};
    DATA.timeline.lanes.forEach(function (a) {
      var base = ptext(label(a)), name = base, i = 2;
      while (seen[name]) name = base + " (" + (i++) + ")";
      seen[name] = true;
      names[a] = name;
    });
    return names;
  }
  function markTimelineDate() {
    Plotly.relayout("timeline", { "shapes[0].x0": state.asOf, "shapes[0].x1": state.asOf });
  }
  function drawTimeline() {
    if (timelineDrawn) { Plotly.Plots.resize("timeline"); return; }
    if (typeof Plotly === "undefined") {
      var src = $("plotly-src");
      if (!src || !src.textContent) return;
      var script = document.createElement("script");
      script.textContent = src.textContent;  // our own inlined plotly.min.js, not data
      document.head.appendChild(script);
      src.textContent = "";
      if (typeof Plotly === "undefined") return;
    }
    timelineDrawn = true;
    var names = laneNames(), byType = {};
    DATA.timeline.bars.forEach(function (b) {
      var ev = DATA.events[b.event];
      var tr = byType[ev.type] = byType[ev.type] || {
        type: "bar", orientation: "h", name: ev.type, base: [], x: [], y: [], hovertext: [], customdata: [],
        hoverinfo: "text", marker: { color: TYPE_STYLE[ev.type].color, opacity: 0.8, line: { width: 1, color: TYPE_STYLE[ev.type].color } }
      };
      var end = ev.end || ev.begin;
      tr.base.push(ev.begin);
      tr.x.push(Date.parse(end) - Date.parse(ev.begin) + DAY);
      tr.y.push(names[b.lane]);
      tr.customdata.push(b.event);
      var srcs = ev.sources.map(function (d) {
        var doc = DATA.documents[d] || {};
        return ptext((doc.title || d) + (doc.publisherLabel ? " \u2013 " + doc.publisherLabel : "") + (doc.issued ? ", " + doc.issued : ""));
      });
      tr.hovertext.push(
        "<b>" + ptext(ev.type) + "</b> " + ptext(when(ev)) + "<br>" +
        ptext(ev.agents.map(label).join(", ")) + (ev.recipients.length ? " \u2192 " + ptext(ev.recipients.map(label).join(", ")) : "") +
        (ev.quotes.length ? "<br>\u201C" + ptext(ev.quotes[0].exact.slice(0, 160)) + "\u201D" : "") +
        (srcs.length ? "<br>Source: " + srcs.join("<br>Source: ") : ""));
    });
    var traces = DATA.eventTypes.filter(function (t) { return byType[t]; }).map(function (t) { return byType[t]; });
    var kx = [], ky = [], kt = [];
    DATA.nodes.forEach(function (n) {
      if (!n.knewSince || !names[n.id]) return;
      var k = n.knowledge[0];
      kx.push(n.knewSince); ky.push(names[n.id]);
      kt.push(ptext(n.label) + " knew from " + ptext(n.knewSince) + (k && k.derivation ? " (" + ptext(k.derivation) + ")" : ""));
    });
    traces.push({ type: "scatter", mode: "markers", name: "first knew", x: kx, y: ky, hovertext: kt, hoverinfo: "text",
                  marker: { symbol: "star", size: 13, color: "#000", line: { color: "#fff", width: 1 } } });
    var lanes = DATA.timeline.lanes.length;
    var layout = {
      barmode: "overlay", height: Math.min(180 + 30 * lanes, 6000), margin: { l: 200, r: 20, t: 80, b: 40 },
      xaxis: { type: "date", title: { text: "" } },
      yaxis: { type: "category", autorange: "reversed", categoryorder: "array", categoryarray: DATA.timeline.lanes.map(function (a) { return names[a]; }) },
      legend: { orientation: "h", yanchor: "bottom", y: 1.02, x: 0 }, hovermode: "closest",
      shapes: [{ type: "line", xref: "x", yref: "paper", x0: state.asOf, x1: state.asOf, y0: 0, y1: 1, line: { color: "#444", dash: "dot", width: 1 } }]
    };
    var undated = Object.keys(DATA.events).length - DATA.timeline.bars.length;
    if (undated > 0) layout.annotations = [{ xref: "paper", yref: "paper", x: 1, y: 1.0, yanchor: "bottom", xanchor: "right", yshift: 50,
      showarrow: false, font: { size: 11, color: "#777" }, text: undated + " event" + (undated > 1 ? "s" : "") + " without a date or lane not shown" }];
    Plotly.newPlot("timeline", traces, layout, { displaylogo: false, responsive: true, showLink: false, showSendToCloud: false, modeBarButtonsToRemove: ["sendDataToCloud"] });
    document.getElementById("timeline").on("plotly_click", function (ev) {
      var pt = ev.points && ev.points[0];
      if (pt && pt.customdata) showEvent(pt.customdata);
    });
  }

  // -- test and scripting hooks ---------------------------------------------------------------------
  function domCenter(canvasPos) {
    var p = network.canvasToDOM(canvasPos);
    var r = $("network").getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }
  function drawnNode(id) { return fast ? network.body.nodes[id].options : nodesDS.get(id); }
  function drawnEdge(id) { return fast ? network.body.edges[id].options : edgesDS.get(id); }
  var api = window.govgraph = {
    data: DATA, network: network, nodes: nodesDS, edges: edgesDS, ready: false, updates: 0,
    asOf: state.asOf,
    setDate: function (iso) { slider.value = String(dayFromIso(iso)); state.asOf = iso; applyState(); },
    // what is drawn now, read from the network's own items (so tests see the drawing)
    litNodes: function () {
      return DATA.nodes.filter(function (n) { return drawnNode(n.id).color.background !== GREY.background; })
        .map(function (n) { return n.id; }).sort();
    },
    fadedEdges: function () {
      return DATA.edges.filter(function (e) { return drawnEdge(e.id).color.opacity < 1; })
        .map(function (e) { return e.id; }).sort();
    },
    visibleEdges: function () {
      return DATA.edges.filter(function (e) { return !drawnEdge(e.id).hidden; })
        .map(function (e) { return e.id; }).sort();
    },
    selectNode: function (id) { return selectNode(id, true); },
    selectEdge: function (id) { return selectEdge(id, false); },
    edgesOf: function (eventId) { return (edgesByEvent[eventId] || []).slice(); },
    nodeCenter: function (id) { return domCenter(network.getPosition(id)); },
    edgeCenter: function (id) {  // the middle of the drawn line or curve, in page pixels
      var edge = network.body.edges[id];
      if (edge && edge.edgeType && edge.edgeType.getPoint) return domCenter(edge.edgeType.getPoint(0.5));
      var e = edgeById[id], a = network.getPosition(e.from), b = network.getPosition(e.to);
      return domCenter({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    },
    showTab: showTab,
    timelineBars: function () {
      var gd = $("timeline");
      return (gd.data || []).filter(function (t) { return t.type === "bar"; })
        .reduce(function (s, t) { return s + t.x.length; }, 0);
    }
  };
  network.once("afterDrawing", function () {
    api.ready = true;
    api.readyAt = performance.now();  // ms since navigation start, for scripts/bench_render.py
    document.body.setAttribute("data-ready", "1");
  });
})();
