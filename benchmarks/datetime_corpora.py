"""The temporal-expression corpora in ``tests/data``, in a fixed order: the dev set, the calendar
corpus and its development batches (``datetime_calendar_more*.jsonl``), then the held-out batches
(``datetime_calendar_holdout*.jsonl``, only scored, never tuned against). A new batch joins by its name.
"""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def _batch_number(path: Path) -> int:
    found = re.search(r"(\d+)\.jsonl$", path.name)
    return int(found.group(1)) if found else 1


def development_corpora() -> list[Path]:
    more = sorted(DATA.glob("datetime_calendar_more*.jsonl"), key=_batch_number)
    return [DATA / "datetime_dev.jsonl", DATA / "datetime_calendar.jsonl", *more]


def held_out_corpora() -> list[Path]:
    return sorted(DATA.glob("datetime_calendar_holdout*.jsonl"), key=_batch_number)


def all_corpora() -> list[Path]:
    return [*development_corpora(), *held_out_corpora()]
