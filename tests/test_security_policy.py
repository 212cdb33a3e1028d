"""The Content-Security-Policy allows exactly the inline scripts a browser runs on the
page, found without parsing the whole page."""

from __future__ import annotations

from scripts.hooks.content_security_policy import inline_scripts, policy, script_hash

PAGE = """<!doctype html><html><head><title>x</title>
<!-- <script>commented()</script> -->
<script>first()</script>
<script src="assets/app.js"></script>
<SCRIPT TYPE="module">second()</SCRIPT >
<script data-note="a > b" type=text/javascript>third()</ script>
<script id="__config" type="application/json">{"search": "search.js"}</script>
<script type="text/template"><script>not_run()</script>
<script></script>
<script async>first()</script>
</head><body><p>&lt;script&gt;written()&lt;/script&gt;</p><!--
<script>also_commented()</script>
--></body></html>"""


def test_the_policy_allows_each_script_the_browser_runs_and_nothing_else():
    assert inline_scripts(PAGE) == ["first()", "second()", "third()", "", "first()"]
    script_src = next(d for d in policy(PAGE).split("; ") if d.startswith("script-src ")).split()
    assert script_src == ["script-src", "'self'", f"'{script_hash('first()')}'", f"'{script_hash('second()')}'",
                          f"'{script_hash('third()')}'", f"'{script_hash('')}'"]


def test_a_page_without_inline_scripts_allows_only_the_site_s_files():
    assert "script-src 'self';" in policy('<html><head><script src="a.js"></script></head></html>')
