// Nacre's exported site: the search page. Reads the index in #site-index (data only) and shows
// the pearls whose title, URL, note or tags hold every word typed. Everything from the tree
// reaches the page through textContent; links are made only for http, https and mailto URLs
// (marked by Nacre) and for the site's own pages.
(function () {
  "use strict";
  var index = JSON.parse(document.getElementById("site-index").textContent);
  var input = document.getElementById("q");
  var list = document.getElementById("found");
  var status = document.getElementById("status");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var hay = index.items.map(function (it) {
    return fold([it.t || "", it.u || "", it.n || ""].concat(it.g || []).join("\n"));
  });
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function page(path) {
    return /^(index|c\/[0-9a-z-]+)\.html$/.test(path) ? path : "index.html";
  }
  function run() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) {
      status.textContent = "";
      return;
    }
    var shown = 0;
    var total = 0;
    for (var i = 0; i < hay.length; i++) {
      var ok = words.every(function (w) {
        return hay[i].indexOf(w) !== -1;
      });
      if (!ok) continue;
      total++;
      if (shown >= 300) continue;
      shown++;
      var it = index.items[i];
      var li = el("li", "item");
      if (it.s === 1) {
        var a = el("a", "title", it.t || it.u);
        a.href = it.u;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else {
        li.appendChild(el("span", "title", it.t || it.u || ""));
      }
      if (it.n) li.appendChild(el("div", "note", it.n));
      var where = el("a", "where", it.w || index.title);
      where.href = page(it.p);
      li.appendChild(where);
      list.appendChild(li);
    }
    status.textContent = total === 1 ? "1 result" : total + " results";
  }
  input.addEventListener("input", run);
  input.disabled = false;
  document.body.setAttribute("data-ready", "true");
})();
