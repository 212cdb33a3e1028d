/* The hub's search normaliser, run inside Material's search worker: the build
 * (scripts/hooks/search_normalise.py) writes this file followed by Material's own
 * worker into one worker script. Why and how: see that module's docstring.
 *
 * A word is compared folded (lower case, accents and ligatures dropped, apostrophes
 * alike, punctuation at its ends trimmed; after an apostrophe, the elided word),
 * and each word of a query also looks for its stem: the index language's lunr
 * stemmer (lunr-languages fr and es, lunr's English one) run on the folded word,
 * after REPAIRS put back the accents that stemmer needs. Both depend only on the
 * folded word, so a query typed without accents is the same query as with them. */
"use strict";
(function () {
  var SETUP = 0, QUERY = 2, RESULT = 3;         // Material's SearchMessageType
  // Folded endings a stemmer only recognises with their accents.
  var REPAIRS = {
    fr: [[/ee(s?)$/, "e$1"], [/iere(s?)$/, "ière$1"]],  // engagées, premières
    es: [[/cion$/, "ción"]]                             // participación(es)
  };
  var MIN_STEM = 3;  // shorter stems would find unrelated words
  var lang = "en";
  var asked = [];    // the words of the query being answered: {typed, word, stem}

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

  function stem(word) {
    (REPAIRS[lang] || []).forEach(function (repair) { word = word.replace(repair[0], repair[1]); });
    var stemmer = lang === "en" ? lunr.stemmer : (lunr[lang] || {}).stemmer;
    return stemmer ? fold(stemmer(new lunr.Token(word)).toString()) : word;
  }

  /* Index side: a pipeline function, after the stop word filter. */
  function normalise(token) {
    var found = words(token.toString());
    return found.map(function (word) { return token.clone(function () { return word; }); });
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

    /* Query side: each clause folded, plus a clause for its stem. */
    var clause = lunr.Query.prototype.clause;
    lunr.Query.prototype.clause = function (given) {
      var term = given.term || "";
      var lead = term.charAt(0) === "*", trail = term.length > 1 && term.slice(-1) === "*";
      var typed = term.replace(/^\*|\*$/g, "");
      var word = longest(words(typed));
      if (!word) return clause.call(this, given);
      given.term = (lead ? "*" : "") + word + (trail ? "*" : "");
      var root = stem(word);
      if (!asked.some(function (a) { return a.word === word; }))
        asked.push({ typed: typed, word: word, stem: root });
      if (root === word || root.length < MIN_STEM || lead)
        return clause.call(this, given);
      var other = Object.assign({}, given, { term: root + "*", usePipeline: false });
      if (given.presence === lunr.Query.presence.REQUIRED)
        given.presence = lunr.Query.presence.OPTIONAL;  // either form may match
      clause.call(this, given);
      return clause.call(this, other);
    };

    /* A word matched by both clauses is one match: keep its positions once, or
       Material would highlight it twice. */
    var query = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function () {
      var results = query.apply(this, arguments);
      results.forEach(function (result) {
        var metadata = result.matchData.metadata;
        Object.keys(metadata).forEach(function (term) {
          Object.keys(metadata[term]).forEach(function (field) {
            var data = metadata[term][field];
            if (data.position) data.position = Array.from(new Set(data.position));
          });
        });
      });
      return results;
    };
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

  function rewriteTerms(doc) {
    var matched = Object.keys(doc.terms || {});
    if (!matched.length) return;
    var terms = {};
    marked(doc.title).concat(marked(doc.text)).forEach(function (form) { terms[form] = true; });
    if (!Object.keys(terms).length)
      matched.forEach(function (term) { if (doc.terms[term]) terms[term] = true; });
    asked.forEach(function (a) {
      if (doc.terms[a.word] === false && !doc.terms[a.stem]) terms[a.typed] = false;
    });
    doc.terms = terms;
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
        lang = ((message.data && message.data.config && message.data.config.lang) || ["en"])[0];
      }
      if (message.type === QUERY) asked = [];
      return listener.call(this, event);
    }, options);
  };

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items)
      message.data.items.forEach(function (group) { group.forEach(rewriteTerms); });
    return post.apply(self, arguments);
  };
})();
