"""Property-based: whatever bytes a page, a front matter or a record holds, the checker
never crashes and reports what it could not read."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from scripts.check.run import run_checks
from scripts.corpus import load_corpus
from scripts.pages import SAFE_LOADER

PAGE = "docs/en/code-of-conduct.md"
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Markdown and YAML fragments that tend to break parsers, mixed with any text.
PIECES = st.sampled_from([
    "---\n", "# ", "## ", "{#", "}", "{#values-and-behaviours}", "[", "](", ")", "](#", "![", "<div>",
    "</div>", "<script>", "<!--", "-->", "!!! note", "    ", "> ", "1. ", "- ", "| a | b |\n|---|---|\n",
    "```\n", "title: ", "description: ", ": [", "\u00a0", "«", "»", "¿", "1 000", "\n", "\r\n", "\t",
    "\x00", "\ufeff", "é", "&amp;", "javascript:", "\\", "*", "_",
])
MARKDOWN = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("fuzz") / "hub")


def _findings_about(hub, rel):
    return [f for f in run_checks(load_corpus(hub)) if f.file == rel]


@FUZZ
@given(text=MARKDOWN)
def test_any_markdown_is_checked_without_crashing(hub, text):
    (hub / PAGE).write_text(text, encoding="utf-8", errors="surrogatepass")
    findings = _findings_about(hub, PAGE)
    assert findings, "a mangled translation must not pass silently"


@FUZZ
@given(data=st.binary(max_size=200))
def test_any_bytes_are_reported_when_unreadable(hub, data):
    (hub / PAGE).write_bytes(data)
    findings = _findings_about(hub, PAGE)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        assert [f for f in findings if f.rule == "page-unreadable" and f.line]
    else:
        assert findings


@FUZZ
@given(front=MARKDOWN)
def test_any_front_matter_is_read_or_reported(hub, front):
    (hub / PAGE).write_text(f"---\n{front}\n---\n\n# Code of Conduct {{#code-of-conduct}}\n", encoding="utf-8",
                            errors="surrogatepass")
    findings = _findings_about(hub, PAGE)
    assert findings  # at least the missing sections; a broken front matter is a front-matter finding


@FUZZ
@given(text=MARKDOWN)
def test_any_freshness_record_is_read_or_reported(hub, text):
    (hub / PAGE).write_text((hub / "docs/fr/code-of-conduct.md").read_text(encoding="utf-8"), encoding="utf-8")
    record = hub / "translations/en/code-of-conduct.yml"
    record.write_text(text, encoding="utf-8", errors="surrogatepass")
    reported = [f for f in run_checks(load_corpus(hub)) if f.rule == "freshness-record"]
    try:
        readable = isinstance(yaml.load(record.read_bytes(), Loader=SAFE_LOADER) or {}, dict)
    except (yaml.YAMLError, UnicodeDecodeError):
        readable = False
    assert reported or readable
