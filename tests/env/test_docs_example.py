"""The README section's gym walkthrough runs as written."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "README.md"


def test_walkthrough_in_docs_runs(capsys) -> None:
    section = DOC.read_text(encoding="utf-8").split("### Gym walkthrough", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    exec(compile(code.group(1), str(DOC), "exec"), {})
    printed = capsys.readouterr().out
    assert "Team Offsite writer" in printed
    assert "False format_error 2026-03-10T14:00:00-04:00" in printed
