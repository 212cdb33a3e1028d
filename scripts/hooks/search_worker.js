/* The hub's search normaliser, run inside Material's search worker: the build
 * (scripts/hooks/search_normalise.py) writes this file followed by Material's own
 * worker into one worker script. Why and how: see that module's docstring.
 *
 * A word is compared folded (lower case, accents and ligatures dropped, apostrophes
 * alike, punctuation at its ends trimmed; after an apostrophe, the elided word).
 * A query word that is a stop word of the index's language (lunr-languages' list,
 * lunr's own for English) is left out: it weighs nothing and is never marked. Each
 * other word also looks for its stem: the language's lunr stemmer run on the folded
 * word, after REPAIRS put back the accents that stemmer needs. A word or stem longer
 * than SHORT letters is matched as a word beginning; a shorter one only as a whole
 * word or one of its inflections (a word of the index with the same stem). Where the
 * glossary names one idea with several words (the index's config.variants), a query
 * for one also looks for the others. Results are then ranked (see rank): the exact
 * phrase first, then those holding every word, then fewer. */
"use strict";
(function () {
  var SETUP = 0, QUERY = 2, RESULT = 3;         // Material's SearchMessageType
  // Folded endings a stemmer only recognises with their accents.
  var REPAIRS = {
    fr: [[/ee(s?)$/, "e$1"], [/iere(s?)$/, "ière$1"]],  // engagées, premières
    es: [[/cion$/, "ción"]]                             // participación(es)
  };
  var SHORT = 3;     // a word or stem this long or shorter is not a word beginning
  var lang = "en";
  var variants = [];       // the glossary's words for one idea, as config.variants gives them
  var entries = new Map(); // each entry's location → its words (see remember)
  var BLOCK = /<\/?(?:p|li|h[1-6]|td|th|dt|dd|tr|blockquote|pre|ul|ol|table|div)\b[^>]*>/i;
  var plan = null;         // the query being answered (see analyse)
  var held = new Map();    // its results' locations → which of its words each holds

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}+/gu, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
      .replace(/[’‘ʼ´`′]/g, "'").toLowerCase();
  }

  /* The folded words of a token: "l’Alliance" → ["alliance"], "(égalité)," → ["egalite"]. */
  function words(token) {
    var parts = fold(token).split("'").map(function (part) {
      return part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    });
    return parts.filter(function (part) { return part.length > (parts.length > 1 ? 1 : 0); });
  }

  function longest(list) {
    return list.reduce(function (a, b) { return b.length > a.length ? b : a; }, "");
  }

  /* Text as its folded words, one space apart and around: for the exact phrase. */
  function plain(text) {
    return " " + fold(String(text || "").replace(/<[^>]*>/g, " ").replace(/&[a-z]+;|&#\d+;/g, " "))
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ") + " ";
  }

  var stems = new Map();
  function stem(word) {
    if (!stems.has(word)) {
      var repaired = word;
      (REPAIRS[lang] || []).forEach(function (r) { repaired = repaired.replace(r[0], r[1]); });
      var stemmer = lang === "en" ? lunr.stemmer : (lunr[lang] || {}).stemmer;
      stems.set(word, stemmer ? fold(stemmer(new lunr.Token(repaired)).toString()) : word);
    }
    return stems.get(word);
  }

  /* Whether the language's stop word list (loaded with its lunr-languages script) has it. */
  function isStopWord(word) {
    var filter = (lang === "en" ? lunr : lunr[lang] || {}).stopWordFilter;
    return !!filter && !filter(new lunr.Token(word));
  }

  /* How a meaningful word is looked for: {prefix} matches a word beginning, {stem} the
     words of the index with that stem ({infix}, for *word, any word holding it). */
  function forms(word) {
    var root = stem(word), list = [];
    if (word.length > SHORT) list.push({ prefix: word });
    if (root.length > SHORT) { if (root !== word) list.push({ prefix: root }); }
    else list.push({ stem: root });
    return list;
  }

  function matches(form, term) {
    if (form.infix !== undefined) return term.indexOf(form.infix) >= 0;
    return form.prefix !== undefined ? term.startsWith(form.prefix) : stem(term) === form.stem;
  }

  /* The query: its meaningful words (folded, stop words left out, each once: {word,
     typed, forms, extra: the forms of the glossary's other names it starts}), where
     the glossary names one idea with some of them ({start, size, others: each other
     name's words' forms}), and its words as one phrase (stop words included). */
  function analyse(query) {
    var meaningful = [];
    // without the words it excludes (-word) and lunr's operators
    var tokens = query.replace(/(^|\s)-\S*/g, " ").replace(/["+~^:]/g, " ").split(/[\s\-]+/);
    tokens.forEach(function (token) {
      var word = longest(words(token));
      if (!word) return;
      if (isStopWord(word) || isStopWord(token.toLowerCase())) return;
      if (!meaningful.some(function (m) { return m.word === word; }))
        meaningful.push({ word: word, extra: [],
                          forms: token.charAt(0) === "*" ? [{ infix: word }] : forms(word),
                          typed: token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "") });
    });
    var concepts = [];
    variants.forEach(function (group) {
      var names = group.map(function (name) {
        return name.split(/[\s\-]+/).map(function (t) { return longest(words(t)); })
          .filter(function (w) { return w && !isStopWord(w); });
      }).filter(function (name) { return name.length; });
      names.forEach(function (name) {
        var start = find(meaningful, name);
        if (start < 0) return;
        var others = names.filter(function (n) { return n !== name; })
          .map(function (n) { return n.map(forms); });
        concepts.push({ start: start, size: name.length, others: others });
        others.forEach(function (n) {
          n.forEach(function (f) { meaningful[start].extra.push.apply(meaningful[start].extra, f); });
        });
      });
    });
    var phrase = plain(tokens.join(" "));
    return { words: meaningful, concepts: concepts, required: false,
             phrase: phrase.trim().indexOf(" ") > 0 ? phrase.trimEnd() : null };
  }

  /* Where the words of `name` follow each other in the query's, same word or stem. */
  function find(meaningful, name) {
    for (var i = 0; i + name.length <= meaningful.length; i++)
      if (name.every(function (w, k) {
        var q = meaningful[i + k].word;
        return q === w || stem(q) === stem(w);
      })) return i;
    return -1;
  }

  /* Which of the query's words a list of index terms holds: its own forms, or all of
     the words of one of the glossary's other names for an idea. With `used`, also the
     forms that count: the words' own, and those of the other names held in full. */
  function holding(terms, used) {
    function has(form) { return terms.some(function (t) { return matches(form, t); }); }
    var found = plan.words.map(function (w) {
      if (used) used.push.apply(used, w.forms);
      return w.forms.some(has);
    });
    plan.concepts.forEach(function (c) {
      c.others.forEach(function (name) {
        if (!name.every(function (forms) { return forms.some(has); })) return;
        for (var k = c.start; k < c.start + c.size; k++) found[k] = true;
        if (used) name.forEach(function (forms) { used.push.apply(used, forms); });
      });
    });
    return found;
  }

  /* Index side: a pipeline function, after the stop word filter. */
  function normalise(token) {
    return words(token.toString()).filter(function (word) { return !isStopWord(word); })
      .map(function (word) { return token.clone(function () { return word; }); });
  }

  function patchLunr() {
    if (lunr.hubNormalised) return;
    lunr.hubNormalised = true;
    lunr.Pipeline.registerFunction(normalise, "hubNormalise");

    var add = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function () {
      if (this.pipeline._stack.indexOf(normalise) < 0) this.pipeline.add(normalise);
      return add.apply(this, arguments);
    };

    /* Query side: a stop word dropped; each other word folded, one clause per form,
       and per form of the glossary's other words for an idea it names. */
    var clause = lunr.Query.prototype.clause;
    lunr.Query.prototype.clause = function (given) {
      var term = given.term || "";
      var typed = term.replace(/^\*|\*$/g, "");
      var word = longest(words(typed));
      if (!word || term.charAt(0) === "*") return clause.call(this, given);
      if (isStopWord(word) || isStopWord(typed)) return this;
      if (plan && given.presence === lunr.Query.presence.REQUIRED) plan.required = true;
      var planned = plan && plan.words.find(function (w) { return w.word === word; });
      var all = forms(word).concat(planned ? planned.extra : []);
      var query = this;
      var either = all.length > 1 && given.presence === lunr.Query.presence.REQUIRED;
      all.forEach(function (form) {
        var one = Object.assign({}, given, { usePipeline: false,
          presence: either ? lunr.Query.presence.OPTIONAL : given.presence });
        if (form.prefix !== undefined) one.term = form.prefix + "*";
        else Object.assign(one, { term: form.stem, wildcard: lunr.Query.wildcard.NONE,
                                  hubStem: form.stem });
        clause.call(query, one);
      });
      return this;
    };

    /* A clause for a stem looks for every word of the index with that stem; a query
       left without clauses (only stop words) finds nothing, not everything. */
    var query = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function (build) {
      var index = this, empty = false;
      var results = query.call(this, function (q) {
        build.call(q, q);
        q.clauses.slice().forEach(function (c) {
          if (c.hubStem !== undefined)
            inflections(index, c.hubStem).forEach(function (t) {
              if (t !== c.hubStem) q.clauses.push(Object.assign({}, c, { term: t, hubStem: undefined }));
            });
        });
        empty = !q.clauses.length;
      });
      if (empty) return [];
      results.forEach(function (result) {
        var metadata = result.matchData.metadata;
        /* A word matched by two clauses is one match: keep its positions once, or
           Material would mark it twice. */
        Object.keys(metadata).forEach(function (term) {
          Object.keys(metadata[term]).forEach(function (field) {
            var data = metadata[term][field];
            if (data.position) data.position = Array.from(new Set(data.position));
          });
        });
        if (!plan) return;
        /* A word of another name for an idea, which the result holds only part of,
           is not marked ("peoples" is not "young people"). */
        var used = [];
        held.set(result.ref, holding(Object.keys(metadata), used));
        Object.keys(metadata).forEach(function (term) {
          if (!used.some(function (form) { return matches(form, term); })) delete metadata[term];
        });
      });
      return results;
    };
  }

  /* The index's words whose stem is `root`. */
  function inflections(index, root) {
    if (!index.hubStems) {
      index.hubStems = new Map();
      Object.keys(index.invertedIndex).forEach(function (t) {
        var s = stem(t);
        if (s.length <= SHORT) index.hubStems.set(s, (index.hubStems.get(s) || []).concat(t));
      });
    }
    return index.hubStems.get(root) || [];
  }

  /* The words each result shows marked, as the page shows them (égalité, not
     egalite): what Material's search.highlight then looks for on the opened page. */
  function marked(html) {
    var found = [];
    (html || "").replace(/<mark>([\s\S]*?)<\/mark>/g, function (_, text) {
      var form = text.replace(/<[^>]*>/g, "").toLowerCase()
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (form && found.indexOf(form) < 0) found.push(form);
    });
    return found;
  }

  /* A result's terms: the words it shows marked (what the opened page highlights),
     and the query's words it lacks (Material lists them as missing). */
  function rewriteTerms(doc, found) {
    var terms = {};
    marked(doc.title).concat(marked(doc.text)).forEach(function (form) { terms[form] = true; });
    if (found) plan.words.forEach(function (w, i) { if (!found[i]) terms[w.typed] = false; });
    doc.terms = terms;
  }

  /* The results, each page's items and the pages ranked: the exact phrase, then every
     word, then fewer words (tiers). Within a tier, the item whose title, or else one
     passage (paragraph, list item…), the query's words make most of (focus), times the
     entry's boost (the glossary's terms weigh less than the documents); then lunr's
     score with Material's boosts; then the shorter entry. An item holding none of the
     words (only part of an idea's other words) is left out, as is one lacking a word
     the query requires ("…", +word). The score becomes that rank, which Material's
     list uses to show a page's best items first. */
  function rank(groups) {
    var count = plan.words.length;
    var top = Math.max.apply(null, [1].concat(groups.map(function (g) {
      return Math.max.apply(null, g.map(function (item) { return item.score; }));
    })));
    var ranked = groups.map(function (group) {
      var items = group.map(function (item) {
        var found = held.get(item.location);
        var n = found ? found.filter(Boolean).length : 0;
        var entry = entries.get(item.location) || { text: "", passages: [], boost: 1 };
        var phrase = n === count && plan.phrase && entry.text.indexOf(plan.phrase) >= 0;
        var about = n ? focus(entry) : [0, 0];
        rewriteTerms(item, found);
        item.score = (n + (phrase ? 1 : 0)) * 10000 + Math.round(100 * entry.boost * about[0]) * 10
          + 9.9 * item.score / top + 0.09 * about[1];
        return { item: item, keep: n > 0 && (!plan.required || n === count),
                 article: item.location.indexOf("#") < 0 };
      });
      if (!items.some(function (i) { return i.keep; })) return null;
      /* A page listed for its sections highlights, once opened, what they marked. */
      items.forEach(function (i) {
        if (!i.article || i.keep) return;
        items.forEach(function (other) {
          Object.keys(other.item.terms).forEach(function (t) {
            if (other.item.terms[t]) i.item.terms[t] = true;
          });
        });
      });
      return items.filter(function (i) { return i.keep || i.article; })
        .map(function (i) { return i.item; })
        .sort(function (a, b) { return b.score - a.score; });
    }).filter(Boolean);
    return ranked.sort(function (a, b) { return b[0].score - a[0].score; });
  }

  /* How much an entry is about the query, as [its title's share plus half its best
     passage's, the whole entry's]: a share is (the query's words held)² / (the query's
     words × the meaningful words there). */
  function focus(entry) {
    var count = plan.words.length;
    function share(words) {
      var n = words && words.length ? holding(words).filter(Boolean).length : 0;
      return n ? n * n / (count * words.length) : 0;
    }
    entry.meaningful = entry.meaningful || entry.passages.map(function (passage) {
      return passage.filter(function (w) { return !isStopWord(w); });
    });
    var text = entry.meaningful.slice(1).map(share);
    return [share(entry.meaningful[0]) + Math.max.apply(null, [0].concat(text)) / 2,
            share([].concat.apply([], entry.meaningful))];
  }

  /* Each entry of the index: its title and text as folded words (for the exact
     phrase), its passages (title, then each block of its text) and its boost. */
  function remember(docs) {
    entries = new Map();
    (docs || []).forEach(function (doc) {
      var blocks = [doc.title].concat(String(doc.text || "").split(BLOCK));
      entries.set(doc.location, {
        text: plain(doc.title) + "|" + plain(doc.text),
        passages: blocks.map(function (b) { return plain(b).split(" ").filter(Boolean); }),
        boost: doc.boost || 1
      });
    });
  }

  var listen = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen.call(self, type, listener, options);
    return listen.call(self, type, function (event) {
      var message = event.data || {};
      if (message.type === SETUP) {
        if (typeof lunr === "undefined" || !lunr.Query || !lunr.Builder || !lunr.Index)
          console.error("Hub search: Material's search worker no longer exposes lunr; " +
                        "see scripts/hooks/search_normalise.py");
        else patchLunr();
        var config = (message.data && message.data.config) || {};
        lang = (config.lang || ["en"])[0];
        variants = config.variants || [];
        stems = new Map();
        remember(message.data && message.data.docs);
      }
      if (message.type === QUERY) {
        held = new Map();
        plan = analyse(String(message.data || ""));
      }
      return listener.call(this, event);
    }, options);
  };

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items && plan)
      message.data.items = rank(message.data.items);
    return post.apply(self, arguments);
  };
})();
