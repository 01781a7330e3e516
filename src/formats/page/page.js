// Nacre's exported page: shows the tree held in #nacre-data and searches it.
// Everything from the tree is data: it reaches the page through textContent and
// setAttribute on known-safe attributes only, never as markup.
(function () {
  "use strict";

  // Two data blocks: the page's own words, and the tree exactly as Nacre's native file holds
  // it (the block Nacre imports back); the tree is turned into short nodes once, here.
  var page = JSON.parse(document.getElementById("nacre-page").textContent);
  var doc = JSON.parse(document.getElementById("nacre-tree").textContent);
  var data = { title: page.title, lang: page.lang, words: page.words, exported: doc.exportedAt, root: shortTree(doc.root) };
  doc = null;

  function shortTree(rootNode) {
    var KINDS = { collection: "c", link: "l", note: "n", section: "s", alias: "a" };
    // Image types a browser shows from a data: URI without running anything.
    var IMAGES = {
      "image/png": 1, "image/gif": 1, "image/jpeg": 1, "image/webp": 1, "image/x-icon": 1,
      "image/vnd.microsoft.icon": 1, "image/bmp": 1, "image/avif": 1,
    };
    var icons = Object.create(null);
    function iconOf(icon) {
      if (!icon || icon.type !== "data" || !IMAGES[icon.mime] || typeof icon.base64 !== "string") return undefined;
      var known = icons[icon.base64];
      if (known !== undefined) return known || undefined;
      var ok = /^[A-Za-z0-9+\/=]*$/.test(icon.base64);
      icons[icon.base64] = ok ? "data:" + icon.mime + ";base64," + icon.base64 : "";
      return icons[icon.base64] || undefined;
    }
    function text(v) {
      return typeof v === "string" ? v : "";
    }
    // Only web and mail links are made clickable.
    function safe(url) {
      return /^(https?|mailto):/i.test(url.trim());
    }
    function short(n) {
      var kind = n.kind || {};
      var k = KINDS[kind.type] || "n";
      var d = n.details || {};
      var u = k === "l" ? text(kind.url) : undefined;
      var title = text(n.title);
      // The title shown: the user's, else the fetched page's, else the stored one, else the URL.
      var t = n.titleIsUser && title ? title : text(d.title) || title || (u || "");
      return {
        k: k, t: t, u: u, s: u !== undefined && safe(u) ? 1 : 0, n: text(n.note),
        e: text(d.description), w: text(d.siteName),
        g: Array.isArray(n.tags) ? n.tags.filter(function (g) { return typeof g === "string"; }) : [],
        i: iconOf(n.icon), d: n.createdAt, r: k === "a" ? text(kind.target_key) : undefined,
        y: typeof n.key === "string" ? n.key : undefined, c: [],
      };
    }
    var root = short(rootNode || {});
    var titles = Object.create(null);
    var aliases = [];
    var stack = [[rootNode || {}, root]];
    while (stack.length) {
      var top = stack.pop();
      var out = top[1];
      if (out.y !== undefined) titles[out.y] = text(top[0].title);
      var kids = (top[0].kind && Array.isArray(top[0].kind.children)) ? top[0].kind.children : [];
      for (var i = 0; i < kids.length; i++) {
        var child = short(kids[i] || {});
        out.c.push(child);
        if (child.k === "a") aliases.push(child);
        else if (child.k === "c") stack.push([kids[i], child]);
      }
    }
    // An alias without a title of its own shows its collection's.
    aliases.forEach(function (a) {
      if (!a.t) a.t = titles[a.r] || "";
    });
    return root;
  }
  var treeEl = document.getElementById("tree");
  var resultsEl = document.getElementById("results");
  var searchEl = document.getElementById("search");
  var statusEl = document.getElementById("status");
  var summaryEl = document.getElementById("summary");

  // Flat index of every node below the root, in display order.
  var nodes = []; // {node, parent (index or -1), hay (folded text), rendered row}
  var byKey = Object.create(null);
  var counts = { c: 0, l: 0, n: 0, s: 0, a: 0 };
  var MAX_RESULTS = 300;
  var AUTO_OPEN = 400;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  (function index() {
    var stack = [];
    var kids = data.root.c || [];
    for (var i = kids.length - 1; i >= 0; i--) stack.push([kids[i], -1]);
    while (stack.length) {
      var top = stack.pop();
      var node = top[0];
      var id = nodes.length;
      node._id = id;
      counts[node.k] = (counts[node.k] || 0) + 1;
      if (node.y) byKey[node.y] = id;
      var hay = [node.t || "", node.u || "", node.n || ""].concat(node.g || []).join("\n");
      nodes.push({ node: node, parent: top[1], hay: fold(hay), row: null });
      var c = node.c || [];
      for (var j = c.length - 1; j >= 0; j--) stack.push([c[j], id]);
    }
  })();

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null && text !== "") e.textContent = text;
    return e;
  }

  var say = data.words || {};
  var lang = data.lang || "en";

  // "1 link", "2 links", in the page's language; `pair` is [one, many].
  function plural(n, pair) {
    var p = pair || ["", ""];
    return n.toLocaleString(lang) + " " + (n === 1 ? p[0] : p[1]);
  }

  function dateText(ms) {
    if (typeof ms !== "number") return "";
    try {
      return new Date(ms).toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
    } catch (e) {
      return "";
    }
  }

  function hostOf(url) {
    var m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@\/]*@)?([^\/:?#]+)/i.exec((url || "").trim());
    return m ? m[1].toLowerCase().replace(/^www\./, "") : "";
  }

  function hueOf(text) {
    var h = 0;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 360;
    return h;
  }

  // The first character a reader sees (a whole emoji, never half of one).
  function firstGrapheme(text) {
    var t = (text || "").trim();
    if (!t) return "";
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var it = new Intl.Segmenter(lang, { granularity: "grapheme" }).segment(t)[Symbol.iterator]();
      var first = it.next();
      return first.done ? "" : first.value.segment;
    }
    return Array.from(t)[0] || "";
  }

  function isPictograph(text) {
    return /\p{Extended_Pictographic}/u.test(text);
  }

  // The letter on a link without a favicon: its site's name ("github" of github.com), or its
  // title's first letter.
  function initialOf(node) {
    var host = hostOf(node.u);
    var labels = host.split(".");
    var site = /^[\d.]+$/.test(host) ? "" : labels.length >= 2 ? labels[labels.length - 2] : labels[0];
    var source = site || node.t || "";
    var m = source.match(/[\p{L}\p{N}]/u);
    return m ? m[0].toUpperCase() : "•";
  }

  // The round pearl: a favicon when there is one; a collection's count (or the emoji its title
  // starts with); a link's site initial on a colour of its own.
  function pearl(node) {
    var p = el("span", "pearl pearl-" + node.k);
    p.setAttribute("aria-hidden", "true");
    var first = firstGrapheme(node.t);
    if (node.k === "c") {
      if (first && isPictograph(first)) {
        p.classList.add("emoji");
        p.textContent = first;
      } else {
        p.textContent = String((node.c || []).length);
      }
      return p;
    }
    if (node.i) {
      var img = document.createElement("img");
      img.alt = "";
      img.width = 26;
      img.height = 26;
      img.src = node.i; // always a data:image URI of an image type, checked above
      p.classList.add("has-icon");
      p.appendChild(img);
      return p;
    }
    if (node.k === "n") p.textContent = "✎";
    else if (node.k === "a") p.textContent = "↪";
    else if (first && isPictograph(first)) {
      p.classList.add("emoji");
      p.textContent = first;
    } else {
      p.textContent = initialOf(node);
      p.style.setProperty("--hue", String(hueOf(hostOf(node.u) || node.t || "")));
    }
    return p;
  }

  function titleOf(node) {
    if (node.k === "l") {
      if (node.s === 1) {
        var a = el("a", "title", node.t || node.u);
        a.href = node.u;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.referrerPolicy = "no-referrer";
        return a;
      }
      var span = el("span", "title inert", node.t || node.u);
      span.title = (say.notOpened || "Not opened from this page:") + " " + node.u;
      return span;
    }
    if (node.k === "a") {
      var b = el("button", "title alias", node.t || "Alias");
      b.type = "button";
      b.addEventListener("click", function () {
        var target = byKey[node.r];
        if (target !== undefined) reveal(target);
      });
      return b;
    }
    if (node.k === "n") return el("span", "title", "");
    return el("span", "title", node.t);
  }

  function details(node, box) {
    if (node.k === "l") {
      var site = node.w || hostOf(node.u);
      if (site && site !== node.t) box.appendChild(el("div", "site", site));
      if (node.e) box.appendChild(el("div", "description", node.e));
    }
    if (node.n) box.appendChild(el("div", "note", node.n));
    if (node.g && node.g.length) {
      var tags = el("div", "tags");
      node.g.forEach(function (tag) {
        tags.appendChild(el("span", "tag", tag));
      });
      box.appendChild(tags);
    }
  }

  function row(node) {
    var li = el("li", "item item-" + node.k);
    li.setAttribute("role", "treeitem");
    var line = el("div", "line");
    li.appendChild(line);
    if (node.k === "c") {
      var toggle = el("button", "toggle");
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", "false");
      toggle.appendChild(pearl(node));
      toggle.appendChild(el("span", "title", node.t || say.untitled || "Untitled"));
      toggle.appendChild(el("span", "count", kidsText(node.c || [])));
      toggle.appendChild(el("span", "twist", "▸"));
      toggle.addEventListener("click", function () {
        setOpen(li, node, toggle.getAttribute("aria-expanded") !== "true");
      });
      line.appendChild(toggle);
    } else if (node.k === "s") {
      line.appendChild(el("span", "section", node.t));
    } else {
      line.appendChild(pearl(node));
      var box = el("div", "body");
      box.appendChild(titleOf(node));
      details(node, box);
      line.appendChild(box);
    }
    if (node.k === "c" && node.n) {
      var nb = el("div", "body");
      details(node, nb);
      li.appendChild(nb);
    }
    if (typeof node._id === "number") nodes[node._id].row = li;
    return li;
  }

  // What a collection holds, in words: "2 collections · 14 links".
  function kidsText(children) {
    var n = { c: 0, l: 0, n: 0 };
    children.forEach(function (c) {
      if (c.k in n) n[c.k]++;
    });
    return [
      n.c ? plural(n.c, say.collection) : "",
      n.l ? plural(n.l, say.link) : "",
      n.n ? plural(n.n, say.note) : "",
    ]
      .filter(Boolean)
      .join(" · ");
  }

  function fill(ul, children) {
    var frag = document.createDocumentFragment();
    children.forEach(function (child) {
      frag.appendChild(row(child));
    });
    ul.appendChild(frag);
  }

  function setOpen(li, node, open) {
    var toggle = li.querySelector(".toggle");
    var list = li.querySelector(":scope > ul");
    if (open && !list) {
      list = el("ul", "tree");
      list.setAttribute("role", "group");
      fill(list, node.c || []);
      li.appendChild(list);
    }
    if (list) list.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // Opens every collection above node `id`, then shows and marks it.
  function reveal(id) {
    var chain = [];
    for (var p = nodes[id].parent; p !== -1; p = nodes[p].parent) chain.unshift(p);
    chain.forEach(function (c) {
      setOpen(nodes[c].row, nodes[c].node, true);
    });
    clearSearch();
    var target = nodes[id].row;
    if (!target) return;
    var old = treeEl.querySelector(".found");
    if (old) old.classList.remove("found");
    target.classList.add("found");
    target.scrollIntoView({ block: "center" });
  }

  function pathOf(id) {
    var names = [];
    for (var p = nodes[id].parent; p !== -1; p = nodes[p].parent) names.unshift(nodes[p].node.t);
    return names.join(" › ");
  }

  function clearSearch() {
    searchEl.value = "";
    resultsEl.hidden = true;
    resultsEl.textContent = "";
    treeEl.hidden = false;
    statusEl.textContent = "";
  }

  function search(text) {
    var words = fold(text).split(/\s+/).filter(Boolean);
    if (!words.length) {
      clearSearch();
      return;
    }
    var found = [];
    var total = 0;
    for (var i = 0; i < nodes.length; i++) {
      var hay = nodes[i].hay;
      var ok = true;
      for (var w = 0; w < words.length; w++) {
        if (hay.indexOf(words[w]) === -1) {
          ok = false;
          break;
        }
      }
      if (ok) {
        total++;
        if (found.length < MAX_RESULTS) found.push(i);
      }
    }
    resultsEl.textContent = "";
    var frag = document.createDocumentFragment();
    found.forEach(function (id) {
      var node = nodes[id].node;
      var li = el("li", "item result item-" + node.k);
      var line = el("div", "line");
      line.appendChild(pearl(node));
      var box = el("div", "body");
      box.appendChild(node.k === "c" || node.k === "s" ? el("span", "title", node.t) : titleOf(node));
      details(node, box);
      var where = el("button", "path", pathOf(id) || data.title);
      where.type = "button";
      where.title = say.showInTree || "Show in the tree";
      where.addEventListener("click", function () {
        reveal(id);
      });
      box.appendChild(where);
      line.appendChild(box);
      li.appendChild(line);
      frag.appendChild(li);
    });
    resultsEl.appendChild(frag);
    resultsEl.hidden = false;
    treeEl.hidden = true;
    statusEl.textContent =
      total === 0
        ? say.nothingFound || "Nothing found"
        : total > found.length
          ? plural(total, say.result) + " (" + (say.showingFirst || "showing the first") + " " + found.length + ")"
          : plural(total, say.result);
  }

  document.title = data.title || "Pearls";
  summaryEl.textContent = [
    plural(counts.c, say.collection),
    plural(counts.l, say.link),
    counts.n ? plural(counts.n, say.note) : "",
    dateText(data.exported) ? (say.exported || "shared on") + " " + dateText(data.exported) : "",
  ]
    .filter(Boolean)
    .join(" · ");
  if (data.root.n) {
    var rootNote = el("p", "note", data.root.n);
    summaryEl.parentNode.insertBefore(rootNote, searchEl);
  }

  fill(treeEl, data.root.c || []);
  var footer = el("footer", "", say.madeWith || "Made with Nacre");
  footer.appendChild(el("p", "open-in-nacre", say.openInNacre || "Open this page in Nacre to make it your own"));
  document.body.insertBefore(footer, document.querySelector("script"));
  if (nodes.length <= AUTO_OPEN) {
    nodes.forEach(function (entry) {
      if (entry.node.k === "c" && entry.row) setOpen(entry.row, entry.node, true);
    });
  }

  var timer = null;
  searchEl.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(searchEl.value);
    }, nodes.length > 20000 ? 150 : 60);
  });
  searchEl.addEventListener("keydown", function (e) {
    if (e.key === "Escape") clearSearch();
  });
  searchEl.disabled = false;
  document.body.setAttribute("data-ready", "true");
})();
