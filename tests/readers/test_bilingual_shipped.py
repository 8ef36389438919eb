"""The bilingual false alarms of issue 7, end to end through a CSV file and the shipped glossary.

A source term inside a longer one that the target renders (国务院 in 国务院新闻办公室, 新时代 in
the Xi Jinping Thought term) or inside another word (美国国务院, 财政部门) is not missing.
"""

from __future__ import annotations

import json
from pathlib import Path

from termcheck.errors import ExitCode

ROWS = (
    "id,source,target\n"
    "scio,国务院新闻办公室今天举行发布会。,The State Council Information Office held a briefing.\n"
    "thought,坚持习近平新时代中国特色社会主义思想。,"
    "Uphold Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era.\n"
    "us,美国国务院发表声明。,The US State Department issued a statement.\n"
    "finance,各级财政部门加大投入。,Finance departments at all levels spent more.\n"
    "real,国务院常务会议召开。,An executive meeting of the State Council was held.\n"
    "miss,国务院发布通知。,The cabinet issued a notice.\n"
    "trad,國務院發布通知。,The government issued a notice.\n"
)


def test_only_real_missing_renderings_are_reported(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(ROWS, encoding="utf-8")
    out, _ = run_cli("check", "-f", "json", path, expect=ExitCode.FINDINGS)
    findings = [(f["rule"], f["concept"], f["unit"]) for f in json.loads(out)["findings"]]
    assert findings == [
        ("missing-rendering", "state-council", "miss"),
        ("missing-rendering", "state-council", "trad"),
        # The traditional-script row is the same source as "miss", translated differently.
        ("inconsistent-translation", "", "trad"),
    ]
