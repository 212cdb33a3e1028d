"""A section's change as translators read it: the changed lines, numbered as in the
files, each changed line followed by the words that changed in it."""

from __future__ import annotations

import difflib
import re

CONTEXT_WORDS = 4  # unchanged words shown on each side of a change


def section_diff(old: list[str], new: list[str], old_start: int, new_start: int,
                 old_name: str, new_name: str) -> list[str]:
    """A unified diff of a section's lines ``old`` (from line ``old_start`` of its file)
    and ``new`` (from line ``new_start``), hunks numbered as in the files, with a
    ``words:`` line after each changed line: ``[-removed-]{+added+}``."""
    lines = [f"--- {old_name}", f"+++ {new_name}"]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        first, last = group[0], group[-1]
        lines.append(f"@@ -{old_start + first[1]},{last[2] - first[1]} "
                     f"+{new_start + first[3]},{last[4] - first[3]} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [" " + line for line in old[i1:i2]]
                continue
            lines += ["-" + line for line in old[i1:i2]]
            lines += ["+" + line for line in new[j1:j2]]
            if tag == "replace":
                lines += [f"  words (line {new_start + j1 + k}): {changed_words(a, b)}"
                          for k, (a, b) in enumerate(zip(old[i1:i2], new[j1:j2]))]
    return lines


def changed_words(old: str, new: str) -> str:
    """The words of ``new`` around what changed from ``old``: removed ones as
    ``[-…-]``, added ones as ``{+…+}``, long unchanged stretches shortened to ``…``."""
    a, b = re.findall(r"\S+", old), re.findall(r"\S+", new)
    parts = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = a[i1:i2]
            keep_before = CONTEXT_WORDS if index else 0
            keep_after = CONTEXT_WORDS if index < len(opcodes) - 1 else 0
            if len(words) > keep_before + keep_after:
                words = words[:keep_before] + ["…"] + (words[-keep_after:] if keep_after else [])
            parts.append(" ".join(words))
            continue
        parts.append(("[-" + " ".join(a[i1:i2]) + "-]" if i2 > i1 else "")
                     + ("{+" + " ".join(b[j1:j2]) + "+}" if j2 > j1 else ""))
    return " ".join(part for part in parts if part)
