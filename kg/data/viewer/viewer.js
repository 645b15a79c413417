// kg viewer: builds the vis-network from the JSON block written by kg/viewer/.
// Every piece of graph data reaches the page through textContent (or the
// canvas), never through innerHTML.
(function () {
  "use strict";

  // Milliseconds since navigation start, for benchmarks/bench_viewer.py.
  var state = { drawn: false, stabilized: false, timing: { start: performance.now() } };
  var data = JSON.parse(document.getElementById("kg-data").textContent);

  // Tooltips as elements built with textContent, one <div dir="auto"> a line,
  // so that an Arabic sentence reads right to left and an English line left to
  // right (a string title would be one bidi paragraph).
  function tooltip(text) {
    var box = document.createElement("div");
    text.split("\n").forEach(function (line) {
      var row = document.createElement("div");
      row.dir = "auto";
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }
  data.nodes.forEach(function (node) { node.title = tooltip(node.title); });
  data.edges.forEach(function (edge) { edge.title = tooltip(edge.title); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenClasses = {};
  var article = "";
  var status = document.getElementById("kg-status");

  function nodeShown(node) {
    if (hiddenClasses[node.cls]) return false;
    return !article || node.articles.indexOf(article) >= 0;
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeShown });
  var edgeView = new vis.DataView(edges, {
    filter: function (edge) {
      // Edges without provenance (plain relations) follow their two ends.
      if (article && edge.articles.length && edge.articles.indexOf(article) < 0) return false;
      return nodeView.get(edge.from) !== null && nodeView.get(edge.to) !== null;
    }
  });

  state.timing.data = performance.now();
  var network = new vis.Network(
    document.getElementById("kg-network"),
    { nodes: nodeView, edges: edgeView },
    data.options
  );
  state.timing.network = performance.now();
  // Physics is bounded: once stabilised (or the iteration cap is reached) the
  // layout is frozen, so large graphs stop costing CPU.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    state.stabilized = true;
    state.timing.stabilized = performance.now();
    showCounts();
  });
  network.once("afterDrawing", function () { state.drawn = true; });

  function showCounts(extra) {
    var text = nodeView.length + " / " + nodes.length + " nodes, " +
      edgeView.length + " / " + edges.length + " edges";
    status.textContent = extra ? extra + " · " + text : text;
  }

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
  }

  // Legend doubles as the class filter.
  var legend = document.getElementById("kg-legend-list");
  data.legend.forEach(function (entry) {
    var item = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.id = "kg-class-" + entry.cls;
    box.dataset.cls = entry.cls;
    box.addEventListener("change", function () { setClassVisible(entry.cls, box.checked); });
    var swatch = document.createElement("span");
    swatch.className = "kg-swatch kg-shape-" + entry.shape;
    swatch.style.backgroundColor = entry.color;
    var text = document.createElement("span");
    // <bdi> keeps the Arabic name and the count from being reordered together.
    var arabic = document.createElement("bdi");
    arabic.textContent = entry.ar;
    text.appendChild(document.createTextNode(entry.en + " · "));
    text.appendChild(arabic);
    text.appendChild(document.createTextNode(" (" + entry.count + ")"));
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(text);
    item.appendChild(label);
    legend.appendChild(item);
  });

  var select = document.getElementById("kg-article");
  data.articles.forEach(function (entry) {
    var option = document.createElement("option");
    option.value = entry.id;
    var text = entry.id;
    // <option> holds text only: isolate the (usually Arabic) title with RLI…PDI.
    if (entry.title) text += " — \u2067" + entry.title + "\u2069";
    if (entry.date) text += " (" + entry.date + ")";
    option.textContent = text;
    select.appendChild(option);
  });
  select.addEventListener("change", function () { setArticle(select.value); });

  function setClassVisible(cls, visible) {
    if (visible) delete hiddenClasses[cls]; else hiddenClasses[cls] = true;
    var box = document.getElementById("kg-class-" + cls);
    if (box) box.checked = visible;
    refresh();
  }

  function setArticle(id) {
    article = id || "";
    select.value = article;
    refresh();
  }

  // The same folding as kg.normalize.normalize_ar, character by character:
  // the table is computed in Python from normalize_ar itself.
  function normalize(text) {
    var folded = "";
    Array.from(text.normalize("NFC")).forEach(function (c) {
      folded += Object.prototype.hasOwnProperty.call(data.fold, c) ? data.fold[c] : c;
    });
    return folded.replace(/\s+/g, " ").trim().toLowerCase();
  }

  // Exact label first, then a label starting with the query, then one
  // containing it; ties go to the first node in (sorted) id order.
  function search(query) {
    var q = normalize(query || "");
    if (!q) { network.unselectAll(); showCounts(); return null; }
    var best = null, bestRank = 3;
    nodeView.get().forEach(function (node) {
      node.keys.forEach(function (key) {
        var rank = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(q) > 0 ? 2 : 3;
        if (rank < bestRank) {
          best = node; bestRank = rank;
        }
      });
    });
    if (best === null) {
      network.unselectAll();
      showCounts("no match for “" + query + "”");
      return null;
    }
    network.selectNodes([best.id]);
    network.focus(best.id, { scale: 1.5, animation: false });
    showCounts("found: " + best.plain);
    return best.id;
  }

  var input = document.getElementById("kg-search");
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") search(input.value);
  });
  document.getElementById("kg-search-button").addEventListener("click", function () {
    search(input.value);
  });

  showCounts();
  // For tests and the console.
  window.kgViewer = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    state: state, search: search, setArticle: setArticle, setClassVisible: setClassVisible,
    normalize: normalize,
    visibleNodeIds: function () { return nodeView.getIds().slice().sort(); }
  };
}());
