"""``./hub benchmarks.language_id``: how well the `wrong-language` rule
finds French left in a translation, measured on the hub itself.

Each French sentence of the hub (five words or more) is put, alone, after the first
sentence of an otherwise translated paragraph (the Code of Conduct's introduction) of
the English, the Spanish and a sample Portuguese page (``samples/pt/``), and the rule
is run on that page: a sentence counts as caught when a finding points at its line and
column. Then: the findings on today's translations (should be none), the time the rule
adds to a check of the whole hub (model loading included) and the size of what it
installs. With lingua-language-detector importable, the identifiers are also compared
sentence by sentence (accuracy and time).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from scripts.check import untranslated
from scripts.check.run import run_checks
from scripts.corpus import Corpus, load_corpus
from scripts.language_id import sentences
from scripts.pages import read_page
from scripts.site_config import ROOT, Language, load_site_config

HOST = "code-of-conduct.md"
HOST_LINE = 9  # the introduction's paragraph, in every language
SAMPLES = Path(__file__).resolve().parent / "samples"
MIN_SENTENCE_WORDS = 5


def _as_sentence(text: str) -> str:
    """``text`` (a heading, a list item ending in `:` or `;`) ending as a sentence does."""
    text = text.strip().rstrip(":;,\u00a0 ")
    return text if text.endswith((".", "!", "?", "…", "»", "”")) else text + "."


def french_sentences(corpus: Corpus) -> list[str]:
    """Every sentence of the French pages of five words or more, once, each ending
    as a sentence does (a heading or list item gets its full stop)."""
    found = []
    for page in corpus.source_pages.values():
        for section in page.sections:
            for inline in section.inlines:
                found += [_as_sentence(s.text) for s in sentences(inline.text)
                          if len(s.text.split()) >= MIN_SENTENCE_WORDS]
    return list(dict.fromkeys(found))


def _hub_copy(folder: Path) -> Corpus:
    """A copy of the hub's pages with the sample Portuguese page, and its corpus's
    configuration knowing Portuguese."""
    for part in ("mkdocs.yml", "docs", "data", "translations"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    (folder / "docs/pt").mkdir()
    shutil.copy2(SAMPLES / "pt" / HOST, folder / "docs/pt" / HOST)
    config = load_site_config(folder)
    config = replace(config, languages=config.languages + (Language("pt", "Português", "", False),))
    return Corpus(config, {})


def embedded(corpus: Corpus, french: list[str], locale: str, verbose: bool = False) -> dict:
    """Each French sentence alone in the host paragraph of ``locale``: caught at its
    line and column, as an error or a warning; other findings on the page."""
    path = corpus.config.docs_dir / locale / HOST
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    host = lines[HOST_LINE - 1]
    cut = host.index(". ") + 1
    source_page = read_page(corpus.config.docs_dir / corpus.source_language / HOST)
    counts = {"sentences": len(french), "caught": 0, "errors": 0, "missed": [], "elsewhere": 0}
    try:
        for sentence in french:
            lines[HOST_LINE - 1] = f"{host[:cut]} {sentence}{host[cut:]}"
            path.write_text("\n".join(lines), encoding="utf-8")
            one = replace(corpus, pages={(corpus.source_language, HOST): source_page,
                                         (locale, HOST): read_page(path)})
            findings = [f for f in untranslated.check(one) if f.rule == "wrong-language"]
            at = [f for f in findings if f.line == HOST_LINE and cut + 2 <= (f.column or 0) < cut + 2 + len(sentence)]
            counts["caught"] += bool(at)
            counts["errors"] += any(f.severity == "error" for f in at)
            counts["elsewhere"] += len(findings) - len(at)
            if not at:
                counts["missed"].append(sentence)
            if len(findings) > len(at) and verbose:
                print("      elsewhere:", [(f.line, f.column, f.message[:90]) for f in findings if f not in at])
    finally:
        path.write_text(original, encoding="utf-8")
    return counts


def whole_hub_times() -> dict:
    """Seconds for a check of the whole hub, and for the wrong-language rule alone,
    each in a fresh process (so the identifier's model is loaded as in a real run)."""
    program = ("import time, sys\nfrom scripts.corpus import load_corpus\nfrom scripts.check.run import run_checks\n"
               "from scripts.check import untranslated\ncorpus = load_corpus()\nstart = time.perf_counter()\n"
               "list(untranslated.check(corpus)) if sys.argv[1] == 'rule' else run_checks(corpus)\n"
               "print(time.perf_counter() - start)")
    times = {}
    for what in ("rule", "all"):
        output = subprocess.run([sys.executable, "-c", program, what], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout
        times[what] = float(output)
    return times


def installed_size(*distributions: str) -> float:
    """Megabytes on disk of the installed ``distributions``."""
    total = 0
    for name in distributions:
        for file in metadata.distribution(name).files or ():
            located = Path(file.locate())
            total += located.stat().st_size if located.is_file() else 0
    return total / 1e6


def identifiers_compared(corpus: Corpus) -> None:
    """Sentence-by-sentence accuracy and time of py3langid and, if importable, lingua."""
    by_language = {locale: [] for locale in corpus.config.locales}
    for (locale, _), page in corpus.pages.items():
        by_language[locale] += [s.text for section in page.sections for inline in section.inlines
                                for s in sentences(inline.text) if len(s.text.split()) >= MIN_SENTENCE_WORDS]
    languages = tuple(by_language) + ("pt",)
    from scripts.language_id import _identifier
    candidates = {"py3langid": lambda text: _identifier(languages).classify(text)[0]}
    try:
        from lingua import Language as Lingua, LanguageDetectorBuilder
    except ImportError:
        print("  (lingua-language-detector not installed: only py3langid measured)")
    else:
        chosen = [Lingua.from_iso_code_639_1(getattr(__import__("lingua").IsoCode639_1, code.upper()))
                  for code in languages]
        detector = LanguageDetectorBuilder.from_languages(*chosen).build()
        candidates["lingua"] = lambda text: (detector.detect_language_of(text).iso_code_639_1.name.lower()
                                             if detector.detect_language_of(text) else None)
    for name, classify in candidates.items():
        start = time.perf_counter()
        right = {locale: sum(classify(text) == locale for text in texts) for locale, texts in by_language.items()}
        seconds = time.perf_counter() - start
        print(f"  {name}: " + ", ".join(f"{locale} {right[locale]}/{len(texts)}"
                                       for locale, texts in by_language.items())
              + f" sentences right; {seconds:.2f} s, model loading included")


def main() -> None:
    parser = argparse.ArgumentParser(prog="./hub benchmarks.language_id", description=__doc__.split("\n\n")[1])
    parser.add_argument("--missed", action="store_true", help="list every sentence missed, and findings elsewhere")
    arguments = parser.parse_args()
    corpus = load_corpus()
    french = french_sentences(corpus)
    print(f"French sentences of the hub ({MIN_SENTENCE_WORDS} words or more): {len(french)}")
    with tempfile.TemporaryDirectory() as folder:
        copy = _hub_copy(Path(folder))
        for locale in ("en", "es", "pt"):
            counts = embedded(copy, french, locale, arguments.missed)
            share = counts["caught"] / counts["sentences"]
            print(f"  alone in a {locale} paragraph: {counts['caught']}/{counts['sentences']} caught at their line "
                  f"and column ({share:.1%}), {counts['errors']} of them as errors; "
                  f"{counts['elsewhere']} finding(s) elsewhere on the page")
            for sentence in counts["missed"][:None if arguments.missed else 5]:
                print(f"      missed: {sentence[:100]}")
    today = [f for f in run_checks(corpus) if f.rule == "wrong-language"]
    print(f"wrong-language findings on today's translations: {len(today)}")
    times = whole_hub_times()
    print(f"whole-hub check: {times['all']:.2f} s, of which the wrong-language rule {times['rule']:.2f} s "
          "(its model's loading included)")
    print(f"installed: py3langid and numpy {installed_size('py3langid', 'numpy'):.1f} MB")
    try:
        print(f"  (lingua-language-detector would be {installed_size('lingua-language-detector'):.1f} MB)")
    except metadata.PackageNotFoundError:
        pass
    print("identifiers, sentence by sentence, on the hub's own sentences:")
    identifiers_compared(corpus)


if __name__ == "__main__":
    main()
