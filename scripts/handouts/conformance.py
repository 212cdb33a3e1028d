"""PDF/UA-1 as two independent checkers see a handout, both run in-process:
page-validation (its ``ua1`` profile; errors only) and outloud (errors and warnings).
The test suite asks for no error in either; `make benchmark` times them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import outloud
import page


@dataclass(frozen=True)
class Finding:
    checker: str   # "page-validation" or "outloud"
    rule: str
    severity: str  # "error" or "warning"
    message: str
    evidence: str = ""

    def __str__(self) -> str:
        return f"{self.checker} {self.rule} ({self.severity}): {self.message}" + (
            f" [{self.evidence}]" if self.evidence else "")


def findings(path: Path) -> list[Finding]:
    """What either checker finds wrong in the PDF at ``path`` (outloud's notes left out)."""
    found = [Finding("page-validation", failure.rule_id, "error", failure.message)
             for failure in page.validate_pdf(path, profile="ua1").failures]
    result = outloud.check(str(path))
    if result.error:
        found.append(Finding("outloud", "-", "error", f"could not check the file: {result.error}"))
    found += [Finding("outloud", item.rule, item.severity, item.message, item.evidence or "")
              for item in result.findings if item.severity in ("error", "warning")]
    return found
