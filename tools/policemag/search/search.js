/* The magazine's search, in the reader's browser (the index: index.py beside this file;
   the plugin serves this file at /assets/javascripts/search.js).

   normalize(), stem() and terms() mirror policemag/search/text.py rule for rule (a test
   runs both on the same words): a query is folded exactly as the articles were.
   A query fetches search-index/meta.json (revalidated), one shard per word and the
   documents of the results it shows. Nothing is sent anywhere else. */
(function () {
  "use strict";

  var ARABIC = /[\u0621-\u064a]/;
  var ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  var SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
  var WORD = /[\p{L}\p{N}]+/gu;
  var SHOWN = 10;

  function fold(c) {
    var code = c.charCodeAt(0);
    if (c === "\u0640") return "";
    if (c === "ى") return "ي";
    if (c === "ة") return "ه";
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    return String(code - 0x06f0);
  }

  function normalize(text) {
    return text
      .normalize("NFKD")
      .toLowerCase()
      .replace(/\p{Mn}/gu, "")
      .replace(/[\u0640\u0649\u0629\u0660-\u0669\u06f0-\u06f9]/g, fold);
  }

  function size(word) {
    return Array.from(word).length;
  }

  function stem(word) {
    var i;
    if (!ARABIC.test(word)) {
      var last = word.charAt(word.length - 1);
      return size(word) > 3 && (last === "s" || last === "x") ? word.slice(0, -1) : word;
    }
    if (word.length > 3 && word.charAt(0) === "و") word = word.slice(1);
    for (i = 0; i < ARTICLES.length; i++) {
      if (word.indexOf(ARTICLES[i]) === 0 && word.length - ARTICLES[i].length >= 2) {
        word = word.slice(ARTICLES[i].length);
        break;
      }
    }
    for (i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (word.length - s.length >= 2 && word.slice(-s.length) === s) word = word.slice(0, -s.length);
    }
    return word;
  }

  function terms(text) {
    var words = normalize(text).match(WORD) || [];
    var out = [];
    for (var i = 0; i < words.length; i++) {
      if (size(words[i]) > 1 || /^\p{Nd}+$/u.test(words[i])) out.push(stem(words[i]));
    }
    return out;
  }

  function shardKey(term) {
    return Array.from(term)
      .slice(0, 2)
      .map(function (c) { return c.codePointAt(0).toString(16); })
      .join("-");
  }

  // exported for the parity test (tests/browser): the same rules as text.py
  window.policemagSearch = { normalize: normalize, stem: stem, terms: terms, shardKey: shardKey };

  var form = document.querySelector("form.pm-search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("pm-search-status");
  var list = document.getElementById("pm-search-results");
  var more = document.getElementById("pm-search-more");
  var nojs = document.getElementById("pm-search-nojs");
  if (nojs) nojs.hidden = true; // the "needs JavaScript" line, shown only without it
  var root = form.getAttribute("data-root");
  var index = form.getAttribute("data-index");
  var cache = {};
  var meta = null;
  var ticket = 0;
  var found = [];
  var wanted = null;

  function getJSON(path, fresh) {
    if (!cache[path]) {
      cache[path] = fetch(index + path, fresh ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function loadMeta() {
    if (!meta) meta = getJSON("meta.json", true).catch(function (e) { meta = null; throw e; });
    return meta;
  }

  // { doc: score } for one query word; prefix: also the terms it begins (the word
  // being typed), at half the score
  function matches(info, word, prefix) {
    var key = shardKey(word);
    if (info.shards.indexOf(key) < 0) return Promise.resolve(new Map());
    return getJSON(info.base + "t/" + key + ".json").then(function (shard) {
      var scores = new Map();
      Object.keys(shard).forEach(function (term) {
        var exact = term === word;
        if (!exact && !(prefix && term.indexOf(word) === 0)) return;
        var postings = shard[term];
        var doc = 0;
        for (var j = 0; j < postings.length; j += 2) {
          doc += postings[j];
          var s = exact ? postings[j + 1] : postings[j + 1] / 2;
          if ((scores.get(doc) || 0) < s) scores.set(doc, s);
        }
      });
      return scores;
    });
  }

  function query(text) {
    var words = terms(text);
    if (!words.length) return Promise.resolve({ words: [], docs: [] });
    var last = words[words.length - 1];
    var typing = !/\s$/.test(text) && size(last) >= 2;
    var rest = words.slice(0, -1).filter(function (w, i, all) {
      return w !== last && all.indexOf(w) === i;
    });
    return loadMeta().then(function (info) {
      var jobs = rest.map(function (w) { return matches(info, w, false); });
      jobs.push(matches(info, last, typing));
      return Promise.all(jobs).then(function (maps) {
        var total = maps[0];
        maps.slice(1).forEach(function (m) {
          var next = new Map();
          total.forEach(function (s, doc) { if (m.has(doc)) next.set(doc, s + m.get(doc)); });
          total = next;
        });
        var docs = Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return { info: info, words: rest.concat([last]), typing: typing, docs: docs.map(function (d) { return d[0]; }) };
      });
    });
  }

  function isHit(word, want) {
    var stems = terms(word);
    for (var i = 0; i < stems.length; i++) {
      for (var j = 0; j < want.words.length; j++) {
        var w = want.words[j];
        if (stems[i] === w) return true;
        if (want.typing && j === want.words.length - 1 && stems[i].indexOf(w) === 0) return true;
      }
    }
    return false;
  }

  // about 30 words of the text around the first word the query matched, matches marked
  function excerpt(text, want, into) {
    var re = /[\p{L}\p{N}\p{M}\u0640]+/gu;
    var spans = [];
    var first = -1;
    var m;
    while ((m = re.exec(text)) !== null) {
      var hit = isHit(m[0], want);
      spans.push([m.index, m.index + m[0].length, hit]);
      if (hit && first < 0) first = spans.length - 1;
    }
    if (!spans.length) return;
    var start = Math.max(0, first - 12);
    var end = Math.min(spans.length, start + 30);
    var pos = spans[start][0];
    if (start > 0) into.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (!spans[i][2]) continue;
      into.appendChild(document.createTextNode(text.slice(pos, spans[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(spans[i][0], spans[i][1]);
      into.appendChild(mark);
      pos = spans[i][1];
    }
    into.appendChild(document.createTextNode(text.slice(pos, spans[end - 1][1])));
    if (end < spans.length) into.appendChild(document.createTextNode(" …"));
  }

  function item(doc) {
    var li = document.createElement("li");
    li.lang = doc.l;
    li.dir = /^(ar|fa|ur|he)\b/.test(doc.l) ? "rtl" : "ltr";
    var a = document.createElement("a");
    a.href = root + doc.u;
    a.textContent = doc.t;
    var h = document.createElement("h2");
    h.appendChild(a);
    var kicker = document.createElement("p");
    kicker.className = "pm-kicker";
    kicker.textContent = doc.k;
    var text = document.createElement("p");
    excerpt(doc.x, wanted, text);
    li.appendChild(h);
    li.appendChild(kicker);
    li.appendChild(text);
    return li;
  }

  function say(key, n, text) {
    status.textContent = form.getAttribute("data-" + key).replace("{n}", n).replace("{q}", text);
  }

  function showMore(mine) {
    var next = found.slice(list.children.length, list.children.length + SHOWN);
    return Promise.all(next.map(function (d) { return getJSON(wanted.info.base + "d/" + d + ".json"); }))
      .then(function (docs) {
        if (mine !== ticket) return;
        docs.forEach(function (doc) { list.appendChild(item(doc)); });
        more.hidden = list.children.length >= found.length;
      });
  }

  function run(text) {
    var mine = ++ticket;
    var url = new URL(window.location.href);
    if (text.trim()) url.searchParams.set("q", text.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!text.trim()) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    return query(text).then(function (result) {
      if (mine !== ticket) return;
      list.textContent = "";
      found = result.docs;
      wanted = result;
      more.hidden = true;
      if (!found.length) {
        say("none", 0, text.trim());
        return;
      }
      // announced once the first results are on the page (screen readers, tests)
      return showMore(mine).then(function () {
        if (mine === ticket) say("count", found.length, text.trim());
      });
    }).catch(function () {
      if (mine === ticket) say("failed", 0, text.trim());
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  more.addEventListener("click", function () { showMore(ticket); });
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
