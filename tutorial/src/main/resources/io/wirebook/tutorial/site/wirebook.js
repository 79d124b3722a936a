// Wirebook's search over the index built with the site (search-index.js); hexdump.js highlights the hex
// dumps. Pages read the same without scripts.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function words(s) {
    return s.toLowerCase().split(/[^a-z0-9_\u00c0-\uffff]+/).filter(function (w) { return w.length > 0; });
  }

  function search(q) {
    var index = window.WB_INDEX || [];
    var terms = words(q);
    if (terms.length === 0) { return []; }
    var hits = [];
    index.forEach(function (e) {
      var title = e.t.toLowerCase(), text = e.x.toLowerCase(), score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = title.indexOf(terms[i]) >= 0, inText = text.indexOf(terms[i]) >= 0;
        if (!inTitle && !inText) { return; }
        score += (inTitle ? 5 : 0) + (inText ? 1 : 0);
      }
      hits.push({ e: e, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.map(function (h) { return h.e; });
  }

  function snippet(text, q) {
    var t = words(q)[0] || "", i = text.toLowerCase().indexOf(t), from = Math.max(0, i - 60);
    return (from > 0 ? "\u2026" : "") + text.substring(from, from + 200) + (from + 200 < text.length ? "\u2026" : "");
  }

  function showResults() {
    var box = document.getElementById("wb-results");
    if (!box) { return; }
    var q = new URLSearchParams(window.location.search).get("q") || "";
    var input = document.getElementById("wb-q");
    if (input) { input.value = q; }
    box.textContent = "";
    var found = search(q);
    var head = document.createElement("p");
    head.textContent = q ? found.length + (found.length === 1 ? " section" : " sections") + " match \u201c" + q + "\u201d" : "Type words to find them in every chapter and the glossary.";
    box.appendChild(head);
    var list = document.createElement("ol");
    found.forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
      a.href = e.u;
      a.textContent = e.t + (e.t === e.p ? "" : " \u2014 " + e.p);
      p.textContent = snippet(e.x, q);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showResults);
  } else {
    showResults();
  }
})();
