"""RFC5545 recurrence: validation and expansion into instances.

Rules expand on the event's own wall clock (an aware ``dtstart`` in the event's IANA zone), so a
weekly 09:00 New York meeting stays at 09:00 local time when daylight saving starts.
"""

from __future__ import annotations

import bisect
import math
import threading
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rruleset, rrulestr

from env.errors import format_failure

RRULE_EXAMPLE = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"
RRULE_FORMAT = "a list of RFC5545 lines starting with RRULE:, EXRULE:, RDATE or EXDATE"
_PREFIXES = ("RRULE:", "EXRULE:", "RDATE:", "RDATE;", "EXDATE:", "EXDATE;")
# Unbounded rules are expanded at most this far / this often, like the API's own expansion limits.
MAX_INSTANCES = 2500
UNBOUNDED_END = 1.0e13  # epoch seconds far beyond any window, marks "no last instance"
# Series are materialised up to this date (and at most this many starts) for fast windowed reads.
HORIZON = datetime(2200, 1, 1, tzinfo=UTC)
MAX_MATERIALISED = 20000


def build_ruleset(lines: tuple[str, ...], dtstart: datetime) -> rruleset:
    """Parse recurrence lines against ``dtstart`` (cached: worlds reuse a few rules many times)."""
    # Aware datetimes at the same instant compare and hash equal whatever their zone (09:00 Tokyo ==
    # 11:00 Sydney), so the zone must be part of the cache key or one zone's series serves another.
    return _parse_ruleset(lines, dtstart, str(dtstart.tzinfo))


@lru_cache(maxsize=4096)
def _parse_ruleset(lines: tuple[str, ...], dtstart: datetime, _zone_key: str) -> rruleset:
    rules = rrulestr("\n".join(lines), dtstart=dtstart, forceset=True)
    assert isinstance(rules, rruleset)
    return rules


def validate_recurrence(lines: list[str], dtstart: datetime, field: str = "recurrence") -> rruleset:
    """Check every line's prefix and that the whole set parses; a format_error names the bad line."""
    for index, line in enumerate(lines):
        if not line.startswith(_PREFIXES):
            raise format_failure(f"{field}[{index}]", line, RRULE_FORMAT, RRULE_EXAMPLE)
    if not any(line.startswith("RRULE:") or line.startswith("RDATE") for line in lines):
        raise format_failure(field, lines, RRULE_FORMAT, RRULE_EXAMPLE)
    try:
        rules = build_ruleset(tuple(lines), dtstart)
        next(iter(rules), None)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        bad = _first_bad_line(lines, dtstart)
        raise format_failure(f"{field}[{bad}]", lines[bad], RRULE_FORMAT, RRULE_EXAMPLE) from exc
    return rules


def _first_bad_line(lines: list[str], dtstart: datetime) -> int:
    for index, line in enumerate(lines):
        probe = [line] if line.startswith(("RRULE:", "RDATE")) else [f"RDATE:{_stamp(dtstart)}", line]
        try:
            next(iter(rrulestr("\n".join(probe), dtstart=dtstart, forceset=True)), None)
        except (ValueError, TypeError, KeyError, IndexError):
            return index
    return 0


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class Occurrences:
    """The starts of one series, materialised lazily and kept for bisecting windows.

    Expanding with dateutil on every read is slow (it iterates from ``dtstart``), so each series
    keeps the starts it has produced so far and extends them only as far as a read needs. All-day
    series use naive dates, stamped at midnight in the series' zone.
    """

    def __init__(self, rules: rruleset, dtstart: datetime, tz_name: str) -> None:
        self.starts: list[datetime] = []
        self.stamps: list[float] = []
        self.bounded = is_bounded(rules)
        self.memo: dict[tuple[int, float], Any] = {}  # formatted instance pieces, filled by readers
        self._iterator = iter(rules)
        self._local = ZoneInfo(tz_name) if dtstart.tzinfo is None else None
        self._horizon = HORIZON if dtstart.tzinfo is not None else HORIZON.replace(tzinfo=None)
        self._exhausted = False
        self._lock = threading.Lock()

    def extend_to(self, epoch: float) -> None:
        """Materialise starts until one at or after ``epoch`` exists (or the series ends)."""
        if self._exhausted or (self.stamps and self.stamps[-1] >= epoch):
            return  # already far enough (the common case on reads: no lock)
        with self._lock:
            while not self._exhausted and (not self.stamps or self.stamps[-1] < epoch):
                start = next(self._iterator, None)
                if start is None or start >= self._horizon or len(self.starts) >= MAX_MATERIALISED:
                    self._exhausted = True
                    break
                if start.tzinfo is not None:
                    # A wall time inside a DST gap (02:30 on spring-forward day) does not exist: RFC 5545
                    # keeps the instant (the offset before the gap), shown as the real wall time (03:30).
                    start = start.astimezone(UTC).astimezone(start.tzinfo)
                self.starts.append(start)
                local = start.replace(tzinfo=self._local) if self._local is not None else start
                self.stamps.append(local.timestamp())

    def last_start(self) -> datetime | None:
        """The final start of a bounded series (None when unbounded or empty)."""
        if not self.bounded:
            return None
        self.extend_to(math.inf)
        return self.starts[-1] if self.starts else None

    def index_after(self, epoch: float) -> int:
        """Index of the first start strictly after ``epoch``."""
        return bisect.bisect_right(self.stamps, epoch)


def is_bounded(rules: rruleset) -> bool:
    """True when every rule has COUNT or UNTIL, so the series has a last instance."""
    rrules = rules._rrule  # type: ignore[attr-defined]  # dateutil keeps the parsed rules here
    return all(rule._count is not None or rule._until is not None for rule in rrules)


@lru_cache(maxsize=8192)
def occurrences(lines: tuple[str, ...], dtstart: datetime, tz_name: str) -> Occurrences:
    """The shared, lazily grown occurrence list of one (rule, anchor, zone)."""
    return Occurrences(build_ruleset(lines, dtstart), dtstart, tz_name)


def instance_suffix(start: datetime, all_day: bool) -> str:
    """Google's instance-ID suffix: ``20260310T140000Z`` (timed, UTC) or ``20260310`` (all-day)."""
    return start.strftime("%Y%m%d") if all_day else start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def shift(moment: datetime, delta: timedelta) -> datetime:
    """Add a duration in absolute time (events keep their real length across DST switches)."""
    if moment.tzinfo is None:
        return moment + delta
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)
