"""The checker's three output formats: text for people, JSON for tools, GitHub annotations."""

from __future__ import annotations

import json
from itertools import groupby

from scripts.check.findings import ERROR, NOTICE, WARNING, Finding


def summary(findings: list[Finding], pages: int, seconds: float) -> dict:
    return {"errors": sum(f.severity == ERROR for f in findings),
            "warnings": sum(f.severity == WARNING for f in findings),
            "notices": sum(f.severity == NOTICE for f in findings),
            "files": len({f.file for f in findings}), "pages_checked": pages,
            "seconds": round(seconds, 3)}


def _where(finding: Finding) -> str:
    if not finding.line:
        return finding.file
    return f"{finding.file}:{finding.line}" + (f":{finding.column}" if finding.column else "")


def _source(finding: Finding) -> str:
    if not finding.source_file:
        return ""
    where = f"{finding.source_file}:{finding.source_line}" if finding.source_line else finding.source_file
    return f" (source: {where})"


SHOWN = 3  # findings of one kind shown in full in a file; the others by their lines


def as_text(findings: list[Finding], totals: dict) -> str:
    """Findings by file; findings of one kind (rule and advice) together, the advice
    given once, and past SHOWN of them only their lines."""
    lines = []
    for file, in_file in groupby(findings, key=lambda f: f.file):
        lines.append(file)
        kinds: dict[tuple[str, str], list[Finding]] = {}
        for finding in in_file:
            kinds.setdefault((finding.rule, finding.hint), []).append(finding)
        for (rule, hint), group in kinds.items():
            for finding in group[:SHOWN]:
                lines.append(f"  {_where(finding)}: {finding.severity} [{rule}] "
                             f"{finding.message}{_source(finding)}")
            rest = group[SHOWN:]
            if rest:
                lines.append(f"  … and {len(rest)} more [{rule}] at lines "
                             + ", ".join(str(f.line) for f in rest if f.line) + " (`--format json` lists them all)")
            if hint:
                lines.append(f"      → {hint}")
        lines.append("")
    lines.append(f"{totals['errors']} error(s), {totals['warnings']} warning(s), {totals['notices']} "
                 f"notice(s) (outdated or to translate) in {totals['files']} "
                 f"file(s); {totals['pages_checked']} pages checked in {totals['seconds']:.2f} s.")
    return "\n".join(lines)


def as_json(findings: list[Finding], totals: dict) -> str:
    return json.dumps({"findings": [f.as_dict() for f in findings], "summary": totals},
                      ensure_ascii=False, indent=2)


def _escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def as_github(findings: list[Finding], totals: dict) -> str:
    lines = []
    for finding in findings:
        properties = f"file={_escape(finding.file, True)}"
        if finding.line:
            properties += f",line={finding.line}"
            if finding.column:
                properties += f",col={finding.column}"
        properties += f",title={_escape(finding.rule, True)}"
        text = f"{finding.message}{_source(finding)} {finding.hint}".strip()
        lines.append(f"::{finding.severity} {properties}::{_escape(text)}")
    lines.append(f"{totals['errors']} error(s), {totals['warnings']} warning(s), {totals['notices']} notice(s).")
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
