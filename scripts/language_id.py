"""Which language a sentence is written in, for the checker's `wrong-language` rule.

Text is split into sentences and each is identified on its own (py3langid, chosen by
``scripts/benchmarks/language_id.py``), among the hub's languages only. What says
nothing about the language the translator wrote is left out first: names (a capital
inside the sentence), titles of works (*italic*), quoted terms (« », “ ”), code,
addresses, figures and the glossary's own terms in every language.
"""

from __future__ import annotations

import atexit
import pickle
import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from scripts.page_cache import CACHE, read_pickle, write_atomically
from scripts.pages import CODE
from scripts.site_config import ROOT

# A sentence ends at . ! ? or … followed by a space and what starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\s\u00a0]+(?=[^\w\s][\s\u00a0]?[^\W\d_]|[^\W\d_]|" + CODE + ")")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|" + CODE)
_ADDRESS = re.compile(r"\S+(?:\.\w{2,}/\S*|://\S*|@\S+)|\S*\d\S*")
_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
# A capitalised word inside a sentence names someone or something (MenEngage, Ubuntu).
_NAME = re.compile(r"(?<=[^\s«“(\"—–-])\s+[^\W\d_]*[A-Z][^\W\d_]*(?:[’'-][^\W\d_]+)*", re.UNICODE)

MIN_WORDS = 5        # fewer words of evidence say nothing about the language
CLEAR_WORDS = 6      # as many words of the source language with high confidence: an error
CLEAR = 0.99         # the identifier's confidence that makes it an error
LIKELY = 0.8         # below this, nothing is reported
QUOTED_TERM = 4      # a quotation of this many words or fewer is a term, not evidence
# The answers given, and the model where the packages are read-only (scripts/page_cache.py).
PROJECT_CACHE = ROOT / CACHE / "language-id"


@dataclass(frozen=True)
class Sentence:
    start: int       # offset in the text it was split from
    text: str


@dataclass(frozen=True)
class Identified:
    sentence: Sentence
    language: str
    confidence: float
    words: int


def sentences(text: str) -> list[Sentence]:
    """``text`` cut into sentences, each with its offset."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append(Sentence(start, text[start:match.start()]))
        start = match.end()
    found.append(Sentence(start, text[start:]))
    return [sentence for sentence in found if sentence.text.strip()]


def evidence(text: str, kept_apart: tuple[str, ...] = (), terms: tuple[str, ...] = ()) -> list[str]:
    """The words of ``text`` that tell its language: without quoted terms, code,
    addresses, figures, names, the spans in ``kept_apart`` (titles of works) and
    ``terms`` (the glossary's terms, matched without regard to case)."""
    for span in kept_apart:
        text = text.replace(span, " ")
    text = _ADDRESS.sub(" ", _QUOTED.sub(_unless_a_quotation, text))
    lowered = text.lower()
    for term in terms:
        at = lowered.find(term)
        while at >= 0 and term:
            text = text[:at] + " " * len(term) + text[at + len(term):]
            lowered = text.lower()
            at = lowered.find(term, at + len(term))
    text = _NAME.sub(" ", " " + text.strip())
    return _WORD.findall(text)


def _unless_a_quotation(quoted: re.Match) -> str:
    """A quoted term becomes a space; a quoted sentence stays, as evidence."""
    return quoted.group() if len(_WORD.findall(quoted.group())) > QUOTED_TERM else " "


@cache
def _identifier(languages: tuple[str, ...]):
    """py3langid restricted to ``languages``, read back from where it was kept
    (decompressing the whole model takes a second; the kept copy a tenth of it)."""
    kept = [_cached("model", languages, folder) for folder in _model_folders()]
    identifier = next((found for path in kept if (found := read_pickle(path, None)) is not None), None)
    if identifier is None:
        identifier = _restricted(languages)
        for path in kept:  # the first folder that takes it (none: made again by the next run)
            try:
                write_atomically(path, pickle.dumps(identifier, protocol=pickle.HIGHEST_PROTOCOL))
                break
            except OSError:
                continue
    return identifier


def prepare() -> None:
    """Keep the model restricted to the hub's languages (`make install` asks, so that no
    check waits for it, on any clone or worktree using the same packages)."""
    from scripts.site_config import ConfigError, load_site_config

    try:
        locales = tuple(load_site_config().locales)
    except ConfigError:
        return  # an unreadable mkdocs.yml: the first check says what to fix, and makes the model
    _identifier(known(locales))  # (the model the checker asks for: the languages py3langid knows)


def _model_folders() -> list[Path]:
    """Where the restricted model is looked for, then kept: beside the installed packages
    (a virtual environment's share/, as the model it is made from), then ``.cache/``."""
    if sys.prefix == sys.base_prefix:  # no virtual environment: the system's folders are not ours
        return [PROJECT_CACHE]
    return [Path(sys.prefix) / "share" / "hub-language-id", PROJECT_CACHE]


def _cached(kind: str, languages: tuple[str, ...], folder: Path) -> Path:
    """Where the ``kind`` of cache for py3langid among ``languages`` is kept in ``folder``."""
    from importlib.metadata import version

    return folder / f"py3langid-{version('py3langid')}-{'-'.join(sorted(languages))}.{kind}"


def _restricted(languages: tuple[str, ...]):
    """py3langid's model with only the columns of ``languages`` it knows."""
    from py3langid.langid import LanguageIdentifier, MODEL_FILE

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.set_languages([language for language in languages if language in full.nb_classes])
    return LanguageIdentifier(full.nb_ptc, full.nb_pc, full.nb_classes, full.tk_nextmove, full.tk_output,
                              norm_probs=True, tk_row=full.tk_row)


class _Answers:
    """The identifier's answers already given, kept in ``.cache/language-id/``: a check
    after an edit identifies only the new sentences, and loads the model (numpy and
    40 MB: most of such a check's time) only if there is one."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = languages
        self.path = _cached("answers", languages, PROJECT_CACHE)
        stored = read_pickle(self.path, None)
        if not isinstance(stored, tuple) or len(stored) != 2:
            stored = (tuple(str(language) for language in _identifier(languages).nb_classes), {})
        self.known, self.answers = stored
        self.new = False

    def classify(self, evidence: str) -> tuple[str, float]:
        answer = self.answers.get(evidence)
        if answer is None:
            language, confidence = _identifier(self.languages).classify(evidence)
            answer = self.answers[evidence] = (str(language), float(confidence))
            if not self.new:
                self.new = True
                atexit.register(self.save)
        return answer

    def save(self) -> None:
        """Keep the answers for the next run (at the interpreter's exit)."""
        write_atomically(self.path, pickle.dumps((self.known, self.answers), protocol=pickle.HIGHEST_PROTOCOL))
        self.new = False


@cache
def _answers(languages: tuple[str, ...]) -> _Answers:
    return _Answers(languages)


def known(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The ``languages`` the identifier knows (every language the hub may add, in practice)."""
    return tuple(language for language in languages if language in _answers(languages).known)


@lru_cache(maxsize=65536)  # a text checked again (against the French of its sync, then today's) is read once
def identify(text: str, languages: tuple[str, ...], kept_apart: tuple[str, ...] = (),
             terms: tuple[str, ...] = ()) -> tuple[Identified, ...]:
    """Each sentence of ``text`` with enough evidence, with its language among
    ``languages`` and the identifier's confidence."""
    identified = []
    for sentence in sentences(text):
        words = evidence(sentence.text, kept_apart, terms)
        if len(words) < MIN_WORDS:
            continue
        language, confidence = _answers(languages).classify(" ".join(words))
        identified.append(Identified(sentence, language, confidence, len(words)))
    return tuple(identified)
