"""Parsing ``git diff --unified=0`` into changed lines (``--changed-since``)."""

from __future__ import annotations

import os

from termcheck.changes import Changes, parse_diff
from termcheck.model import Finding, Severity

DIFF = """\
diff --git a/docs/a.md b/docs/a.md
index 1111111..2222222 100644
--- a/docs/a.md
+++ b/docs/a.md
@@ -3 +3 @@ old
-old line
+new line
@@ -10,0 +11,2 @@
+added one
+added two
@@ -20,3 +22,0 @@
-deleted
diff --git a/gone.md b/gone.md
--- a/gone.md
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
"""


def test_hunks_give_added_and_modified_lines(tmp_path):
    lines = parse_diff(DIFF, str(tmp_path))
    key = os.path.realpath(tmp_path / "docs" / "a.md")
    assert lines == {key: frozenset({3, 11, 12})}


def _finding(path: str, line: int, end_line: int) -> Finding:
    return Finding(
        rule="deprecated-variant",
        severity=Severity.ERROR,
        concept="c",
        source_term="s",
        path=path,
        line=line,
        column=1,
        end_line=end_line,
        end_column=2,
        text="t",
        expected="e",
        message="m",
    )


def test_a_finding_counts_when_any_of_its_lines_changed(tmp_path):
    path = str(tmp_path / "a.md")
    new = str(tmp_path / "new.md")
    changes = Changes("HEAD", {os.path.realpath(path): frozenset({5}), os.path.realpath(new): None})
    assert changes.covers(_finding(path, 4, 5))
    assert not changes.covers(_finding(path, 6, 6))
    assert changes.covers(_finding(new, 100, 100))
    assert not changes.covers(_finding(str(tmp_path / "other.md"), 1, 1))
