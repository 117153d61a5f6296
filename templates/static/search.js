/* The search page: asks Pagefind's index (pagefind/, beside the pages) and lists what it finds.
   The index comes in shards (pagefind/shards.json names them): each is merged into the first,
   whose script and WebAssembly they share. Opened from file://, browsers refuse to load the
   index: the page says how to search instead. Every word shown comes from the page's data-
   attributes, in the site's language. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) { return; }
  var PAGE = 20;
  var form = box.querySelector("form");
  var input = document.getElementById("search-q");
  var kind = document.getElementById("search-kind");
  var community = document.getElementById("search-community");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var root = new URL(".", new URL(box.getAttribute("data-root"), location.href));
  var asked = new URLSearchParams(location.search);
  var pagefind = null;
  var latest = 0;
  var found = [];
  var shown = 0;
  var sharded = false;

  function say(text) { status.textContent = text; }
  function words(name) { return box.getAttribute("data-" + name); }

  function engine() {
    if (location.protocol === "file:") {
      return Promise.reject(new Error("offline"));
    }
    if (!pagefind) {
      var base = new URL("pagefind/", root);
      pagefind = import(new URL("pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: root.pathname }).then(function () {
          return fetch(new URL("shards.json", base).href);
        }).then(function (answer) {
          if (!answer.ok) { throw new Error("no index"); }
          return answer.json();
        }).then(function (shards) {
          if (!shards.records) { return { search: nothing }; } /* no record: nothing to find */
          sharded = shards.merge.length > 0;
          return Promise.all(shards.merge.map(function (folder) {
            return module.mergeIndex(new URL(folder, base).pathname, { baseUrl: root.pathname });
          })).then(function () { return module; });
        });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function nothing() { return Promise.resolve({ results: [] }); }

  /* The words Pagefind looks for in `text`: it splits Chinese with the browser's word
     segmenter, drops punctuation and lowers the case. */
  function terms(text) {
    var language = document.documentElement.lang || "";
    var parts = [];
    if (window.Intl && Intl.Segmenter && /^(zh|ja|th)\b/i.test(language)) {
      Array.from(new Intl.Segmenter(language, { granularity: "word" }).segment(text)).forEach(function (one) {
        parts.push(one.segment);
      });
    } else {
      parts = text.split(/\s+/);
    }
    return parts.map(function (part) {
      return part.replace(/[\p{P}\s]/gu, "").toLowerCase();
    }).filter(function (part, at, all) { return part && all.indexOf(part) === at; });
  }

  /* Pagefind's results for `text`, each holding every word of it that the site holds.
     Pagefind leaves out of a search the words its index does not hold: the site's index
     comes in shards, so a shard without a rare word would answer with every page holding
     the others. Each word is looked up alone, and a result must be among the pages of
     each (a word no shard holds is left out, as Pagefind does with one index). */
  function exact(module, text, filters) {
    var whole = module.search(text, { filters: filters });
    var words = terms(text);
    if (!sharded || words.length < 2) {
      return whole.then(function (answer) { return answer.results; });
    }
    var each = words.map(function (word) { return module.search(word, { filters: filters }); });
    return Promise.all([whole].concat(each)).then(function (answers) {
      var pages = answers.slice(1).filter(function (answer) { return answer.results.length; })
        .map(function (answer) { return new Set(answer.results.map(function (r) { return r.id; })); });
      return answers[0].results.filter(function (result) {
        return pages.every(function (ids) { return ids.has(result.id); });
      });
    });
  }

  function chosen() {
    var filters = {};
    if (kind && kind.value) { filters.kind = kind.value; }
    if (community && community.value) { filters.community = community.value; }
    return filters;
  }

  function item(data) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    var about = document.createElement("p");
    about.className = "search-meta";
    about.textContent = [data.meta.kind, data.meta.date, data.meta.community].filter(Boolean).join(" · ");
    var excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    excerpt.innerHTML = data.excerpt; /* Pagefind's excerpt: our escaped text and its <mark> */
    entry.appendChild(heading);
    entry.appendChild(about);
    entry.appendChild(excerpt);
    return entry;
  }

  /* How good a result is, in steps of 2 %: the shards score a word a little differently. */
  function level(score) { return Math.round(Math.log(Math.max(score, 1e-9)) / Math.log(1.02)); }

  /* The next page of results, in Pagefind's order (best first); among equally good ones, the
     newest first. */
  function showMore(turn) {
    var next = found.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (result) {
      return result.data().then(function (data) { return { score: result.score, data: data }; });
    })).then(function (loaded) {
      if (turn !== latest) { return; }
      loaded.sort(function (a, b) {
        var better = level(b.score) - level(a.score);
        return better || (b.data.meta.date || "").localeCompare(a.data.meta.date || "");
      });
      loaded.forEach(function (one) { list.appendChild(item(one.data)); });
      shown += next.length;
      more.hidden = shown >= found.length;
    });
  }

  function search(text) {
    var turn = ++latest;
    list.textContent = "";
    more.hidden = true;
    found = [];
    shown = 0;
    if (!text.trim()) { say(""); return; }
    say(words("busy"));
    engine().then(function (module) {
      return exact(module, text, chosen()).then(function (results) {
        if (turn !== latest) { return; }
        found = results;
        return showMore(turn).then(function () {
          if (turn !== latest) { return; }
          say(found.length ? words("count").replace("{count}", String(found.length)) : words("none"));
        });
      });
    }).catch(function (problem) {
      if (turn !== latest) { return; }
      say(words(problem && problem.message === "offline" ? "offline" : "unavailable"));
    });
  }

  function ask() {
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    [kind, community].forEach(function (select) {
      if (!select) { return; }
      if (select.value) { url.searchParams.set(select.name, select.value); } else { url.searchParams.delete(select.name); }
    });
    history.replaceState(null, "", url.href);
    search(input.value);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ask();
  });
  [kind, community].forEach(function (select) {
    if (select) { select.addEventListener("change", function () { if (input.value.trim()) { ask(); } }); }
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore(latest).then(function () {
      var next = list.children[first];
      if (next) { next.querySelector("a").focus(); }
    });
  });
  input.value = asked.get("q") || "";
  [kind, community].forEach(function (select) {
    if (select && asked.get(select.name)) { select.value = asked.get(select.name); }
  });
  if (location.protocol === "file:") {
    say(words("offline"));
  } else if (input.value) {
    search(input.value);
  } else {
    /* loaded now: a site built without Pagefind says so before anyone types */
    engine().catch(function () {
      if (latest === 0) { say(words("unavailable")); }
    });
  }
}());
