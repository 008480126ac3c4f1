"""Find the temporal expressions in free text and resolve each against a reference time."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from guards.datetimes.bare_numbers import without_unsupported_bare_pairs
from guards.datetimes.bounds import apply_bounds
from guards.datetimes.carried_clocks import carried_clock_atoms
from guards.datetimes.combine import Cluster, cluster_atoms, resolve_cluster, select
from guards.datetimes.compact_clocks import compact_clock_atoms
from guards.datetimes.dates import Scan, date_atoms
from guards.datetimes.day_hours import day_hour_atoms
from guards.datetimes.loose_ends import without_loose_ends
from guards.datetimes.model import Atom, TemporalExpression
from guards.datetimes.named_days import named_day_atoms
from guards.datetimes.named_things import named_thing_voids
from guards.datetimes.not_dates import in_a_proper_name, not_date_atoms
from guards.datetimes.owners import owner_atoms
from guards.datetimes.part_words import part_atoms
from guards.datetimes.patterns import HOUR_WORD
from guards.datetimes.periods import period_atoms
from guards.datetimes.ranges import apply_durations, apply_offsets, join_ranges
from guards.datetimes.relative_clocks import relative_clock_atoms
from guards.datetimes.repairs import without_taken_back
from guards.datetimes.spans import span_atoms
from guards.datetimes.spoken_clocks import spoken_clock_atoms
from guards.datetimes.times import time_atoms
from guards.datetimes.typography import as_written, plain
from guards.datetimes.unresolvable import unresolvable_atoms
from guards.datetimes.weekdays import weekday_atoms
from guards.datetimes.weeks_on import weeks_on_atoms
from guards.datetimes.windows import window_atoms
from guards.datetimes.world_clocks import agree_on_one_instant
from guards.datetimes.zones import zone_atoms

DateOrder = Literal["MDY", "DMY"]


def _lower_same_length(text: str) -> str:
    """Lower-case without changing the length (so spans index the original text)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


# "at 10 of the morning", "6 o'clock of the evening": as other languages say it, "in the morning"
# (the same length, so spans still index the text)
_OF_THE_PART = re.compile(
    rf"(?P<clock>(?:\d|o'?clock|[ap]\.?m\.?|\b{HOUR_WORD})\s+)of(?=\s+the\s+(?:morning|afternoon|evening|night)\b)"
)


def _as_read(lowered: str) -> str:
    """The lower-cased text with phrasings carried over from other languages read as English has them."""
    return _OF_THE_PART.sub(r"\g<clock>in", lowered) if " of the " in lowered else lowered


def find_atoms(
    text: str, now: datetime, date_order: DateOrder | None = None, tz: str | None = None
) -> list[Atom]:
    """All atoms in ``text`` after overlap resolution (``now`` is naive wall-clock time in ``tz``)."""
    scan = Scan(_as_read(_lower_same_length(text)), text, now, date_order, tz)
    atoms: list[Atom] = [
        *date_atoms(scan),
        *weekday_atoms(scan),
        *named_day_atoms(scan),
        *window_atoms(scan),
        *owner_atoms(scan),
        *time_atoms(scan),
        *relative_clock_atoms(scan),
        *day_hour_atoms(scan),
        *spoken_clock_atoms(scan),
        *compact_clock_atoms(scan),
        *carried_clock_atoms(scan),
        *part_atoms(scan),
        *zone_atoms(scan),
        *span_atoms(scan),
        *period_atoms(scan),
        *weeks_on_atoms(scan),
        *not_date_atoms(scan.text),
        *named_thing_voids(text),
        *unresolvable_atoms(scan),
    ]
    return select(atoms)


_TURNED_DOWN_BEFORE = re.compile(
    r"\b(?:can['\u2019]?t|cannot|can\s+not|won['\u2019]?t|not|no)\b(?:\s+\w+){0,2}\s*$", re.IGNORECASE
)


def _halves_if_they_disagree(text: str, cluster: Cluster) -> list[Cluster]:
    """The two halves of a cluster that did not resolve, when a day turned down and a day offered
    disagree as one; none otherwise.

    "tomorrow, Thursday at 10" is one day when tomorrow is Thursday; "cant do tmrw, thurs at 11?" said on
    a Tuesday turns one day down and offers another. "tomorrow, Thursday 17th" said on a Tuesday
    contradicts itself, and has no reading.
    """
    dates = [a for a in cluster.atoms if a.kind == "date"]
    if len(dates) < 2 or not _TURNED_DOWN_BEFORE.search(text, max(0, cluster.start - 24), cluster.start):
        return []
    for index in range(1, len(cluster.atoms)):
        left, right = cluster.atoms[:index], cluster.atoms[index:]
        gap = text[left[-1].end : right[0].start]
        if "," in gap and any(a.kind == "date" for a in left) and any(a.kind == "date" for a in right):
            return [Cluster(left), Cluster(right)]
    return []


def extract_datetimes(
    text: str,
    *,
    now: datetime,
    tz: str,
    date_order: DateOrder | None = None,
    zone_for_owner: Callable[[str], str | None] | None = None,
) -> list[TemporalExpression]:
    """Find and resolve the temporal expressions in ``text``.

    ``now`` is the reference instant (aware, or naive wall-clock time in ``tz``); ``tz`` is the IANA
    zone of the person who wrote the text; naive readings are in that zone. ``date_order`` settles
    numeric dates such as ``03/04``; without it both readings are returned and the expression is
    marked ambiguous (the month-first reading preferred). Each result carries its span, grain, the
    preferred reading, the alternatives the words allow and whether the preference is a guess.

    ``zone_for_owner`` maps the words naming another person's time ("Jonas" in "9am Jonas's time",
    "her" in "her morning") to that person's IANA zone; when it returns one, the readings are in that
    zone and ``zone`` is set to it. Without it (or when it returns ``None``) such expressions keep
    reader-zone readings, carry ``zone_owner`` and are ambiguous: the zone is someone else's.
    """
    written = plain(text)
    if written is not None:
        found = extract_datetimes(
            written.text, now=now, tz=tz, date_order=date_order, zone_for_owner=zone_for_owner
        )
        return [as_written(e, text, written) for e in found]
    zone = ZoneInfo(tz)
    aware_now = now.astimezone(zone) if now.tzinfo else now.replace(tzinfo=zone)
    local_now = aware_now.replace(tzinfo=None)
    atoms = find_atoms(text, local_now, date_order, tz)
    expressions: list[TemporalExpression] = []
    for cluster in cluster_atoms(_as_read(_lower_same_length(text)), atoms):
        expression = resolve_cluster(text, cluster, tz, aware_now, zone_for_owner)
        if expression is not None:
            expressions.append(expression)
            continue
        for half in _halves_if_they_disagree(text, cluster):
            if (expression := resolve_cluster(text, half, tz, aware_now, zone_for_owner)) is not None:
                expressions.append(expression)
    expressions = join_ranges(text, apply_offsets(text, expressions), local_now.date())
    expressions = apply_bounds(text, apply_durations(text, expressions), tz)
    expressions = agree_on_one_instant(text, expressions, local_now.date())
    named = [e for e in expressions if not in_a_proper_name(text, e)]
    return without_taken_back(text, without_loose_ends(text, without_unsupported_bare_pairs(text, named)))
