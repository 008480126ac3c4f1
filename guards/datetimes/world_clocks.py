"""One instant written in several zones: "Mon 9 Nov 9:00 PT / Tue 10 Nov 2:00 JST".

Invites and notices give a meeting's time in each attendee's zone, side by side ("/", "|", "(",
"="). Each clock alone may be read two ways (2:00 is 14:00 by the hour-alone convention); written
together, the readings that name the same instant are the meant ones. When the preferred readings
disagree, the agreeing readings that keep the most preferred ones win; when several do ("9:00 PT /
2:00 JST" is 9am and 2am or 9pm and 2pm), each clock is ambiguous between them. Nothing changes when
no readings agree: a list of slots, not one instant.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from itertools import product

from guards.datetimes.model import Reading, TemporalExpression
from guards.datetimes.tz_places import zone_info

_SIDE_BY_SIDE = re.compile(r"\s*(?:/|\||=|\(|\u00b7|\u2022)\s*")
_DAY = 24 * 3600


def _zone(expression: TemporalExpression) -> tzinfo | None:
    if expression.zone_offset is not None:
        return timezone(timedelta(minutes=expression.zone_offset))
    return zone_info(expression.zone) if expression.zone else None


def _instant(reading: Reading, zone: tzinfo, today: date) -> tuple[datetime, bool] | None:
    """The reading's instant, and whether it has a day (a bare clock is placed on ``today``)."""
    value = reading.value
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)), True
    if isinstance(value, time):
        return datetime.combine(today, value, zone), False
    return None


def _agree(a: tuple[datetime, bool], b: tuple[datetime, bool]) -> bool:
    seconds = (a[0] - b[0]).total_seconds()
    return seconds == 0 if a[1] and b[1] else seconds % _DAY == 0


def _chains(text: str, expressions: list[TemporalExpression]) -> list[list[int]]:
    """Runs of zoned clock expressions written side by side, in different zones."""
    chains: list[list[int]] = []
    for index, expression in enumerate(expressions):
        if expression.grain not in ("time", "datetime") or _zone(expression) is None:
            continue
        previous = chains[-1][-1] if chains else None
        if (
            previous == index - 1
            and _SIDE_BY_SIDE.fullmatch(text[expressions[previous].span_end : expression.span_start])
            and expressions[previous].zone != expression.zone
        ):
            chains[-1].append(index)
        else:
            chains.append([index])
    return [chain for chain in chains if len(chain) > 1]


def agree_on_one_instant(
    text: str, expressions: list[TemporalExpression], today: date
) -> list[TemporalExpression]:
    """Re-prefer the readings of clocks written side by side in several zones so they name one instant."""
    result = list(expressions)
    for chain in _chains(text, expressions):
        members = [expressions[i] for i in chain]
        zones = [_zone(e) for e in members]
        options = [
            [(r, instant) for r in e.readings if (instant := _instant(r, zone, today)) is not None]
            for e, zone in zip(members, zones, strict=True)
            if zone is not None
        ]
        if len(options) != len(members) or any(not o for o in options):
            continue
        preferred = tuple(o[0] for o in options)
        if all(_agree(preferred[0][1], p[1]) for p in preferred[1:]):
            continue
        agreeing = [combo for combo in product(*options) if all(_agree(combo[0][1], c[1]) for c in combo[1:])]
        if not agreeing:
            continue
        kept = [sum(c is p for c, p in zip(combo, preferred, strict=True)) for combo in agreeing]
        winners = [combo for combo, k in zip(agreeing, kept, strict=True) if k == max(kept)]
        for position, (index, expression) in enumerate(zip(chain, members, strict=True)):
            meant = list(dict.fromkeys(combo[position][0] for combo in winners))
            others = tuple(r for r in expression.readings if r not in meant)
            result[index] = replace(
                expression,
                reading=meant[0],
                alternatives=(*meant[1:], *others),
                ambiguous=expression.ambiguous or len(meant) > 1,
            )
    return result
