"""The signs of trust a member looks for, in Chromium, in every language: when a text
last changed (and the French a translation follows), who speaks and how to reach them,
how to cite a page, who the About page and the glossary speak to, and what "Edit this
page" offers."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from babel.dates import format_date
from test_browser import ROOTS, SOURCE, server, url_of  # noqa: F401 (server: a fixture)

from conftest import build_site, git
from scripts.benchmarks.search_ranking import type_query
from scripts.freshness import record_path
from scripts.site_config import ROOT, load_site_config
from scripts.ui_text import ui_text

CONFIG = load_site_config()
LOCALES = CONFIG.locales
HANDBOOK = CONFIG.hub["handouts"]["handbook"]
UI = ui_text()


def _git_date(path) -> dt.date | None:
    """The UTC date of the last commit of ``path``, None if git does not know it (not
    committed, or a shallow clone whose history stops at that commit)."""
    log = subprocess.run(["git", "log", "-1", "--format=%H %at", "--", path], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    shallow = Path(subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-path", "shallow"],
                                  cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip())
    if not log or (shallow.is_file() and log[0] in shallow.read_text().split()):
        return None
    return dt.datetime.fromtimestamp(int(log[1]), dt.timezone.utc).date()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_each_document_says_when_its_text_changed_and_which_french_it_follows(locale, server, tab):
    failures = []
    for rel in HANDBOOK:
        tab.goto(server + url_of(locale, rel))
        shown = tab.locator("article .hub-facts").inner_text() if tab.locator("article .hub-facts").count() else ""
        expected = []
        changed = _git_date(f"docs/{locale}/{rel}")
        if changed:
            expected.append(UI["page_changed"][locale].format(date=format_date(changed, "long", locale=locale)))
        if locale != SOURCE:
            french = [d for d in (_git_date(f"docs/{SOURCE}/{rel}"),
                                  _git_date(record_path(ROOT, locale, rel).relative_to(ROOT))) if d]
            if french:
                expected.append(UI["page_follows"][locale].format(
                    date=format_date(min(french), "long", locale=locale)))
        if not expected or not all(text in shown for text in expected):
            failures.append(f"{url_of(locale, rel)}: {shown!r} lacks {expected}")
    assert not failures, "\n".join(failures)


def test_a_shallow_clone_shows_no_wrong_date(tmp_path):
    """In a clone of depth 1 every file's last commit is the cut-off one, which may not be
    when it changed: the build passes, shows no date, and says why."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], check=True)
    result = build_site(clone, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "en" / "code-of-conduct" / "index.html").read_text("utf-8")
    assert "hub-facts__cite" in page and "hub-facts__dates" not in page
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr


PLAN = "https://menengage.org/resources/menengage-alliance-strategic-plan-2021-2024/"
ORGANISATION = {"fr": "Alliance MenEngage", "en": "MenEngage Alliance", "es": "Alianza MenEngage"}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_footer_says_who_holds_the_rights_and_how_to_reach_them(locale, server, tab):
    for rel in ("index.md", "code-of-conduct.md", "about.md"):
        tab.goto(server + url_of(locale, rel))
        footer = tab.locator("footer.md-footer")
        text = footer.inner_text()
        assert f"© {ORGANISATION[locale]}" in text and "@menengage" in text, f"{url_of(locale, rel)}: {text!r}"
        links = footer.locator("a[href^='https://menengage.org']")
        assert links.count() >= 1 and links.first.is_visible()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_full_strategic_plan_is_one_click_away(locale, server, tab):
    for rel in ("about.md", "strategic-plan.md", "theory-of-change.md"):
        tab.goto(server + url_of(locale, rel))
        assert tab.locator(f"article a[href='{PLAN}']").count() == 1, url_of(locale, rel)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_document_says_how_to_cite_it(locale, pages, server, tab):
    for rel in HANDBOOK:
        tab.goto(server + url_of(locale, rel))
        cite = tab.locator("article .hub-facts__cite")
        text = cite.inner_text()
        assert UI["cite_label"][locale] in text, url_of(locale, rel)
        assert ORGANISATION[locale] in text and pages[(locale, rel)].meta["title"] in text, text
        address = CONFIG.hub["public_url"] + url_of(locale, rel).lstrip("/")
        assert cite.locator(f"a[href='{address}']").inner_text() == address


@pytest.mark.parametrize("locale", LOCALES)
def test_about_is_for_members_and_the_contributors_guide_stands_apart(locale, pages, server, tab):
    tab.goto(server + url_of(locale, "about.md"))
    article = tab.locator("article").inner_text()
    assert "python -m" not in article and "make hooks" not in article and not tab.locator("article table").count()
    guide = tab.locator("article a[href$='contributing/#contributing']")
    assert guide.count() == 1
    guide.click()
    tab.wait_for_url(server + url_of(locale, "contributing.md") + "#contributing")
    assert tab.locator("article #checker-rules").count() == 1
    assert tab.locator("article table code", has_text="block-count").count() == 1  # the rules' table
    menu = tab.locator(".md-nav--primary a.md-nav__link[href]").evaluate_all("a => a.map(l => l.href)")
    assert server + url_of(locale, "contributing.md") not in menu, "the contributors' page is in the readers' menu"


@pytest.mark.parametrize("locale", LOCALES)
def test_readers_search_does_not_find_the_contributors_guide(locale, server, tab):
    tab.goto(server + ROOTS[locale], wait_until="networkidle")
    tab.keyboard.press("/")
    type_query(tab, {"fr": "exemple de signalement", "en": "example finding", "es": "ejemplo de hallazgo"}[locale])
    hrefs = tab.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    assert not [href for href in hrefs if "/contributing/" in href or "#example-finding" in href], hrefs


def _glossary_tables(tab) -> list[dict]:
    return tab.locator("article .hub-glossary table").evaluate_all("""tables => tables.map(t => ({
        headers: [...t.querySelectorAll('thead th')].map(th => th.textContent.trim()),
        empty: [...t.querySelectorAll('thead th')].map((th, i) =>
            [...t.querySelectorAll('tbody tr')].every(tr => !tr.children[i].textContent.trim())),
        text: t.innerText}))""")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_glossary_speaks_to_readers(locale, server, tab):
    from scripts.glossary import glossary
    tab.goto(server + url_of(locale, "glossary.md"))
    tables = _glossary_tables(tab)
    assert tables and not [t["headers"] for t in tables if any(t["empty"])], "a glossary column is empty"
    article = tab.locator("article").inner_text()
    usual = UI["glossary_usual"][locale]
    shown = tab.locator("article").evaluate("""(article, words) => {
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        let count = 0;
        while (walker.nextNode()) {
            const box = walker.currentNode.parentElement.getBoundingClientRect();
            if (walker.currentNode.textContent.includes(words) && box.width > 1 && box.height > 1) count++;
        }
        return count; }""", usual)
    assert shown == 1, f"“{usual}” shown {shown} times"
    assert tab.locator("article .hub-glossary__usual").first.is_visible()
    translator_notes = [term.translator_notes[locale] for terms in glossary().values() for term in terms
                        if term.translator_notes.get(locale)]
    reader_notes = [term.notes[locale] for terms in glossary().values() for term in terms if term.notes.get(locale)]
    assert translator_notes and reader_notes
    assert not [note for note in translator_notes if note in article]
    assert all(note in article for note in reader_notes)
    tab.goto(server + url_of(locale, "contributing.md"))
    guide = tab.locator("article").inner_text()
    assert all(note in guide for note in translator_notes), "the contributors' page lacks a translator note"


@pytest.mark.parametrize("locale", LOCALES)
def test_edit_this_page_is_a_suggestion_to_the_maintainers(locale, server, tab):
    for rel in ("code-of-conduct.md", "index.md"):
        tab.goto(server + url_of(locale, rel))
        edit = tab.locator("article a[rel=edit]")
        assert edit.is_visible()
        assert edit.get_attribute("title") == UI["edit_suggestion"][locale]
        assert edit.evaluate("a => a.href").endswith(f"/docs/{locale}/{rel}")
    assert "Editer" not in UI["edit_suggestion"]["fr"]


def test_a_page_date_follows_a_commit_made_while_serving(tmp_path):
    """`make serve` keeps each file's date between rebuilds (scripts/git_dates.py), and a
    commit made meanwhile gives the file its new date at the next rebuild."""
    from scripts import git_dates

    page = tmp_path / "page.md"
    git(tmp_path, "init", "-q")
    page.write_text("First.\n")
    git(tmp_path, "add", "page.md")
    git(tmp_path, "commit", "-qm", "first", "--date", "2024-03-01T12:00:00+00:00")
    first = git_dates.last_commit(tmp_path, git_dates.head(tmp_path), page)
    page.write_text("First, then edited.\n")  # an edit alone: the same commit, git not asked again
    assert git_dates.last_commit(tmp_path, git_dates.head(tmp_path), page) == first
    git(tmp_path, "commit", "-qam", "second", "--date", "2025-06-02T12:00:00+00:00")
    second = git_dates.last_commit(tmp_path, git_dates.head(tmp_path), page)
    assert second[0] == git(tmp_path, "rev-parse", "HEAD").strip() != first[0]
    assert dt.datetime.fromtimestamp(int(second[1]), dt.timezone.utc).date() == dt.date(2025, 6, 2)
