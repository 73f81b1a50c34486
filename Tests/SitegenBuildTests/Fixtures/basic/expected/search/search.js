// sitegen search: runs queries over the index that `sitegen build` writes to search/.
// No dependencies. Normalisation and tokenisation are exactly SitegenSearch's (Swift):
// Tests/SitegenSearchTests/tokens.json holds cases both sides check.
(function () {
  "use strict";

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\u03c2/g, "\u03c3");
  }

  function isCJK(c) {
    if (c < 0x3005) return false;
    return (c >= 0x3041 && c <= 0x30fa) || (c >= 0x30fc && c <= 0x30ff) ||
      (c >= 0x3005 && c <= 0x3007) || (c >= 0x31f0 && c <= 0x31ff) ||
      (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x3ffff);
  }

  var wordPattern = /^[\p{L}\p{N}\p{M}]$/u;

  function isWord(ch, c) {
    if (c < 0x80) {
      return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
    }
    return wordPattern.test(ch);
  }

  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    var ends = function (s) { return word.slice(-s.length) === s; };
    if (ends("ies") && word.length > 4) return word.slice(0, -3) + "y";
    if (ends("sses") || ends("xes") || ends("ches") || ends("shes")) return word.slice(0, -2);
    if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return word.slice(0, -1);
    return word;
  }

  // Words (stemmed) and runs of CJK characters, in order, as SearchTokenizer.scan.
  function scan(text, onWord, onRun) {
    var word = "", run = [], afterApostrophe = false;
    function endWord() {
      if (!word) return;
      if (!(afterApostrophe && word === "s")) onWord(stem(word));
      word = "";
    }
    function endRun() {
      if (!run.length) return;
      onRun(run);
      run = [];
    }
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (isCJK(c)) {
        endWord();
        afterApostrophe = false;
        run.push(ch);
      } else if (isWord(ch, c)) {
        endRun();
        word += ch;
      } else {
        var wasWord = word !== "";
        endWord();
        endRun();
        afterApostrophe = wasWord && (ch === "'" || ch === "\u2019");
      }
    }
    endWord();
    endRun();
  }

  // Document terms in the test format ("w:word", "u:字", "b:字字@position").
  function terms(normalized) {
    var out = [], position = 0;
    scan(normalized, function (w) { out.push("w:" + w); }, function (run) {
      for (var i = 0; i < run.length; i++) {
        out.push("u:" + run[i]);
        if (i + 1 < run.length) out.push("b:" + run[i] + run[i + 1] + "@" + (position + i));
      }
      position += run.length + 1;
    });
    return out;
  }

  // Query groups: {kind: "w"|"c"|"p", terms: [...]}, each once.
  function query(normalized) {
    var groups = [], seen = {};
    function add(kind, list) {
      var key = kind + ":" + list.join("|");
      if (seen[key]) return;
      seen[key] = true;
      groups.push({ kind: kind, terms: list, key: key });
    }
    scan(normalized, function (w) { add("w", [w]); }, function (run) {
      if (run.length === 1) { add("c", [run[0]]); return; }
      var pairs = [];
      for (var i = 0; i + 1 < run.length; i++) pairs.push(run[i] + run[i + 1]);
      add("p", pairs);
    });
    return groups;
  }

  function fnv(term) {
    var bytes = new TextEncoder().encode(term), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  // The page's filter of terms with files of their own (t/x<hash>.bin): a Bloom filter of the
  // terms' hashes, four bits each, in base64url. As SearchIndexLayout in Swift.
  var filterSeeds = [0, 0x9e3779b9, 0x3c6ef372, 0xdaa66d2b];

  function mix(x) {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  }

  function ownFilter(text) {
    var bits = "";
    try {
      bits = text ? atob(text.replace(/-/g, "+").replace(/_/g, "/")) : "";
    } catch (error) {
      bits = "";
    }
    return function (hash) {
      if (!bits) return false;
      var size = bits.length * 8;
      for (var i = 0; i < filterSeeds.length; i++) {
        var bit = mix((hash ^ filterSeeds[i]) >>> 0) % size;
        if (!(bits.charCodeAt(bit >> 3) & (1 << (bit & 7)))) return false;
      }
      return true;
    };
  }

  window.sitegenSearch = {
    normalize: normalize, terms: terms, query: query, hash: fnv, ownFilter: ownFilter,
  };

  var root = document.getElementById("search");
  if (!root) return;
  var base = root.getAttribute("data-index");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var tagSelect = document.getElementById("search-tag");
  var sourceSelect = document.getElementById("search-source");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var pageSize = 10;
  var cache = {};

  function fetchOnce(path, kind) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return kind === "json" ? response.json() : response.arrayBuffer();
      });
    }
    return cache[path];
  }

  function varint(bytes, at) {
    var value = 0, scale = 1, byte;
    do {
      byte = bytes[at.i++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte >= 0x80 && at.i < bytes.length);
    return value;
  }

  function hex(hash) { return ("0000000" + hash.toString(16)).slice(-8); }

  // Postings of a term: {scores: Map(document → score), positions: Map(document → [..])},
  // positions only when asked for. As SearchQuery.lookUp in Swift. A term with a file of its
  // own (t/x<hash>.bin) has its entry (name, flags, document count) at the file's start, so when
  // the page's filter says the term may have one, that file is asked for instead of the shard;
  // the shard is read only when the guess was wrong (no such file, or another term's).
  function lookUp(meta, term, withPositions) {
    var hash = fnv(term), shard = hash % meta.shards, name = "x" + hex(hash);
    var wanted = new TextEncoder().encode(term);
    if (!meta.mayOwn(hash)) return lookUpInShard(term, wanted, shard, name, withPositions);
    var ownPositions = withPositions ? fetchOnce("p/" + name + ".bin", "bin") : null;
    if (ownPositions) ownPositions.catch(function () {});
    return fetchOnce("t/" + name + ".bin", "bin").then(function (buffer) {
      var bytes = new Uint8Array(buffer), at = { i: 0 };
      var found = entry(bytes, at, wanted);
      if (!found || !(found.flags & 2)) return null;
      var wantsPositions = withPositions && (found.flags & 1) !== 0;
      return Promise.resolve(wantsPositions ? ownPositions : null).then(function (positions) {
        return postingsOf(found.documents, bytes, at.i, positions && new Uint8Array(positions), 0);
      });
    }, function () { return null; }).then(function (postings) {
      return postings || lookUpInShard(term, wanted, shard, name, withPositions);
    });
  }

  // An entry of a term list: name, flags, document count (and, in a shard, the lengths of its
  // scores and positions); `null` unless the name is `wanted`.
  function entry(bytes, at, wanted, inShard) {
    var length = varint(bytes, at), start = at.i, same = length === wanted.length;
    for (var k = 0; same && k < length; k++) same = bytes[start + k] === wanted[k];
    at.i += length;
    var found = { flags: varint(bytes, at), documents: varint(bytes, at) };
    if (inShard) {
      found.scoreLength = varint(bytes, at);
      found.positionLength = varint(bytes, at);
    }
    return same ? found : (inShard ? Object.assign(found, { other: true }) : null);
  }

  function lookUpInShard(term, wanted, shard, name, withPositions) {
    return fetchOnce("t/" + shard + ".bin", "bin").then(function (buffer) {
      var header = new Uint8Array(buffer), at = { i: 0 };
      var count = varint(header, at), scoreStart = 0, positionStart = 0, found = null;
      for (var n = 0; n < count; n++) {
        var e = entry(header, at, wanted, true);
        if (!e.other && !found) {
          found = { flags: e.flags, documents: e.documents, scores: scoreStart, positions: positionStart };
        }
        scoreStart += e.scoreLength;
        positionStart += e.positionLength;
      }
      if (!found) return postingsOf(0);
      var own = (found.flags & 2) !== 0;
      var wantsPositions = withPositions && (found.flags & 1) !== 0;
      return Promise.all([
        own ? fetchOnce("t/" + name + ".bin", "bin") : Promise.resolve(buffer),
        wantsPositions ? fetchOnce("p/" + (own ? name : shard) + ".bin", "bin") : Promise.resolve(null),
      ]).then(function (parts) {
        var scores = new Uint8Array(parts[0]), s = { i: at.i + found.scores };
        if (own) {
          s.i = 0;
          entry(scores, s, wanted);
        }
        return postingsOf(found.documents, scores, s.i, parts[1] && new Uint8Array(parts[1]),
          own ? 0 : found.positions);
      });
    });
  }

  // Decodes `documents` postings from `scores` at `scoreAt` (and positions at `positionAt`).
  function postingsOf(documents, scores, scoreAt, positions, positionAt) {
    var postings = { scores: new Map(), positions: new Map() };
    var s = { i: scoreAt }, p = { i: positionAt }, document = 0;
    for (var d = 0; d < documents; d++) {
      document += varint(scores, s);
      postings.scores.set(document, varint(scores, s));
      if (positions) {
        var list = [], position = 0, n = varint(positions, p);
        for (var j = 0; j < n; j++) { position += varint(positions, p); list.push(position); }
        postings.positions.set(document, list);
      }
    }
    return postings;
  }

  function idf(meta, documents) {
    return documents === 0 ? 0 : 1 + Math.sqrt(meta.documents / documents) / 10;
  }

  function phraseScores(lists) {
    if (lists.length === 1) return lists[0].scores;
    var scores = new Map();
    lists[0].scores.forEach(function (first, document) {
      var possible = lists[0].positions.get(document) || [], score = first;
      for (var i = 1; i < lists.length && possible.length; i++) {
        var at = lists[i].positions.get(document);
        if (!at) { possible = []; break; }
        score = Math.min(score, lists[i].scores.get(document));
        var set = new Set(at), offset = i;
        possible = possible.filter(function (p) { return set.has(p + offset); });
      }
      if (possible.length) scores.set(document, score);
    });
    return scores;
  }

  // Ranked hits [{document, score}], as SearchQuery.run in Swift.
  function run(meta, groups, filters) {
    return Promise.all(groups.map(function (group) {
      return Promise.all(group.terms.map(function (t) {
        return lookUp(meta, t, group.terms.length > 1);
      }))
        .then(function (lists) {
          var scores = group.kind === "p" ? phraseScores(lists) : lists[0].scores;
          return { scores: scores, weight: idf(meta, scores.size) };
        });
    }).concat(filters.map(function (f) {
      return lookUp(meta, f, false).then(function (l) { return { scores: l.scores, weight: 0 }; });
    }))).then(function (parts) {
      var total = null;
      parts.forEach(function (part) {
        var next = new Map();
        part.scores.forEach(function (score, document) {
          if (total && !total.has(document)) return;
          next.set(document, (total ? total.get(document) : 0) + score * part.weight);
        });
        total = next;
      });
      var hits = [];
      (total || new Map()).forEach(function (score, document) {
        hits.push({ document: document, score: score });
      });
      hits.sort(function (a, b) { return b.score - a.score || b.document - a.document; });
      return hits;
    });
  }

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // The part of a text around the first query term, terms marked.
  function snippet(texts, needles) {
    var best = texts[0] || ["", ""], bestAt = -1, bestNorm = null;
    texts.forEach(function (entry) {
      if (bestAt >= 0) return;
      var norm = folded(entry[1]);
      needles.forEach(function (needle) {
        var at = norm.text.indexOf(needle);
        if (at >= 0 && (bestAt < 0 || at < bestAt)) { bestAt = at; best = entry; bestNorm = norm; }
      });
    });
    var norm = bestNorm || folded(best[1]), chars = Array.from(best[1]);
    var from = 0;
    if (bestAt >= 0) from = Math.max(0, norm.origin[bestAt] - 40);
    var to = Math.min(chars.length, from + 160);
    var marked = new Array(chars.length).fill(false);
    needles.forEach(function (needle) {
      var at = norm.text.indexOf(needle);
      while (at >= 0 && needle) {
        for (var k = at; k < at + needle.length; k++) marked[norm.origin[k]] = true;
        at = norm.text.indexOf(needle, at + needle.length);
      }
    });
    var p = element("p", { class: "search-snippet", lang: best[0] });
    if (from > 0) p.appendChild(document.createTextNode("…"));
    var i = from;
    while (i < to) {
      var j = i;
      while (j < to && marked[j] === marked[i]) j++;
      var text = chars.slice(i, j).join("");
      p.appendChild(marked[i] ? element("mark", {}, [text]) : document.createTextNode(text));
      i = j;
    }
    if (to < chars.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  // Normalised text with, per UTF-16 unit, the index of the character it came from.
  function folded(text) {
    var out = "", origin = [], index = 0;
    for (var ch of text) {
      var n = normalize(ch);
      for (var k = 0; k < n.length; k++) origin.push(index);
      out += n;
      index++;
    }
    return { text: out, origin: origin };
  }

  // 2026-04-28 -> 2026年4月28日, as dates are shown on the site's own pages.
  function shownDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? Number(m[1]) + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : iso;
  }

  function result(document, needles) {
    var titles = [element("span", { class: "search-title", lang: "ja" }, [document.t])];
    if (document.e) titles.push(" ", element("span", { class: "search-title-en", lang: "en" }, [document.e]));
    var meta = [element("time", { datetime: document.d }, [shownDate(document.d)])];
    if (document.s) meta.push(" · ", element("span", { class: "search-source" }, [document.s]));
    if (document.g.length) meta.push(" · ", element("span", { class: "search-tags" }, [document.g.join(", ")]));
    return element("li", { class: "search-result" }, [
      element("a", { href: document.u, class: "search-link" }, titles),
      element("p", { class: "search-meta" }, meta),
      snippet(document.x, needles),
    ]);
  }

  // Shows a page of hits in order, each as soon as it and those before it have their result
  // data (ten chunks do not arrive together); resolves when the whole page is shown.
  function show(meta, hits, start, needles, list, onFirst) {
    var shown = Promise.resolve();
    hits.slice(start, start + pageSize).forEach(function (hit, offset) {
      var data = fetchOnce("d/" + Math.floor(hit.document / meta.chunk) + ".json", "json");
      shown = shown.then(function () { return data; }).then(function (chunk) {
        list.appendChild(result(chunk[hit.document % meta.chunk], needles));
        if (offset === 0 && onFirst) onFirst();
      });
    });
    return shown.then(function () {
      var more = document.getElementById("search-more");
      if (more) more.remove();
      if (start + pageSize < hits.length) {
        more = element("button", { id: "search-more", type: "button" }, ["もっと見る More"]);
        more.addEventListener("click", function () {
          show(meta, hits, start + pageSize, needles, list);
        });
        results.appendChild(more);
      }
    });
  }

  // The filter menus (hundreds of options, from meta.json): filled once the results are shown,
  // so neither their file nor their layout delays the results.
  function fillFilters(params) {
    return fetchOnce("meta.json", "json").then(function (meta) {
      [[tagSelect, meta.tags, "tag"], [sourceSelect, meta.sources, "source"]].forEach(function (f) {
        if (!f[0] || f[0].options.length > 1) return;
        f[1].forEach(function (entry) {
          f[0].appendChild(element("option", { value: entry[0] }, [entry[0] + " (" + entry[1] + ")"]));
        });
        f[0].value = params.get(f[2]) || "";
      });
    }, function () {});
  }

  // What a query needs to know of the index: from the page when it carries it (sitegen's search
  // page does), so the term files are asked for as soon as the script runs; else from meta.json.
  function layout() {
    var shards = Number(root.getAttribute("data-shards"));
    if (shards > 0) {
      return Promise.resolve({
        documents: Number(root.getAttribute("data-documents")), shards: shards,
        chunk: Number(root.getAttribute("data-chunk")) || 1,
        mayOwn: ownFilter(root.getAttribute("data-own") || ""),
      });
    }
    return fetchOnce("meta.json", "json").then(function (meta) {
      return { documents: meta.documents, shards: meta.shards, chunk: meta.chunk, mayOwn: ownFilter("") };
    });
  }

  var generation = 0;
  function search(params) {
    var mine = ++generation;
    var text = params.get("q") || "";
    input.value = text;
    results.setAttribute("data-state", "loading");
    var normalized = normalize(text);
    var groups = query(normalized);
    var filters = [];
    if (params.get("tag")) filters.push("#t:" + normalize(params.get("tag")));
    if (params.get("source")) filters.push("#s:" + normalize(params.get("source")));
    return layout().then(function (meta) {
      var hits = groups.length ? run(meta, groups, filters) : Promise.resolve([]);
      return hits.then(function (hits) { return { meta: meta, hits: hits }; });
    }).then(function (found) {
      if (mine !== generation) return;
      results.textContent = "";
      var needles = [];
      groups.forEach(function (g) {
        needles.push(g.kind === "p" ? g.terms[0] + g.terms.slice(1).map(function (t) {
          return Array.from(t).slice(-1)[0];
        }).join("") : g.terms[0]);
      });
      if (!text.trim()) {
        status.textContent = "";
        results.setAttribute("data-state", "empty");
        return;
      }
      status.textContent = found.hits.length
        ? found.hits.length + " 件 / " + found.hits.length + (found.hits.length === 1 ? " result" : " results")
        : "該当するブリーフはありません / No briefs match";
      var list = element("ol", { class: "search-list" });
      results.appendChild(list);
      // Times for scripts/search-bench.py: the first result shown, and the whole first page.
      var first = function () {
        if (!window.sitegenSearchFirstResults) window.sitegenSearchFirstResults = performance.now();
      };
      return show(found.meta, found.hits, 0, needles, list, first).then(function () {
        results.setAttribute("data-state", "done");
        results.setAttribute("data-count", String(found.hits.length));
        first();
        if (!window.sitegenSearchPageResults) window.sitegenSearchPageResults = performance.now();
      });
    }).catch(function (error) {
      status.textContent = "検索できませんでした / Search failed: " + error.message;
      results.setAttribute("data-state", "error");
    }).then(function () {
      if (mine === generation) return fillFilters(params);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    if (tagSelect && tagSelect.value) params.set("tag", tagSelect.value);
    if (sourceSelect && sourceSelect.value) params.set("source", sourceSelect.value);
    history.replaceState(null, "", "?" + params.toString());
    search(params);
  });
  [tagSelect, sourceSelect].forEach(function (select) {
    if (select) select.addEventListener("change", function () { form.requestSubmit(); });
  });
  search(new URLSearchParams(location.search));
})();
