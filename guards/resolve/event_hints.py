"""Time and people hints for event references ("the 1:1 with Dana on Thursday").

Hints found *in the reference* are constraints: an event that is not on the stated day, or lacks the
named person, scores low. Hints found only *in the user's messages* never raise a score; they may
single out one of several equally good candidates (:meth:`EventHints.prefers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.parser import isoparse

from guards.context import GuardContext
from guards.datetimes import extract_datetimes
from guards.datetimes.extract import DateOrder
from guards.lookups import has_numeric_date, split_names, user_date_order
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import iter_paths
from guards.resolve.event_starts import TimeHint, day_matched, starts_at, starts_within
from guards.resolve.matching import (
    Scored,
    content_words,
    filler_for,
    names_exactly,
    score_words,
    word_similarity,
    words,
)

# Words that connect the parts of an event reference and carry no identity of their own.
CONNECTORS = frozenset({"with", "on", "at", "in", "and", "from", "about", "between", "next", "last", "this"})

PERSON_MATCH = 85.0
"""A reference word names an attendee when it is this similar to a word of the attendee's name."""

MAX_RANGE_DAYS = 14

SECONDARY_CAP = 75.0
"""Matching only a secondary name field (after the pack's ``display`` field) never resolves alone."""

OFF_DAY_FACTOR = 0.5
"""An event not on the day the reference states keeps half its score: below any threshold, but
its name still ranks it among the suggestions."""


# Day parts people name events by ("the afternoon call", "the meeting after lunch"): [start, end).
DAY_PARTS: dict[str, tuple[time, time]] = {
    "morning": (time(5), time(12)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time(21)),
    "night": (time(21), time(23, 59, 59)),
    "tonight": (time(17), time(23, 59, 59)),
    "after lunch": (time(12, 30), time(18)),
    "before lunch": (time(5), time(12, 30)),
}


@dataclass
class EventHints:
    """What an event reference says besides its name."""

    text: str
    times: list[TimeHint] = field(default_factory=list)
    conversation_times: list[TimeHint] = field(default_factory=list)
    conversation_words: list[str] = field(default_factory=list)
    spec: ReferenceSpec | None = None
    timezone: str = "UTC"
    several_days: bool = False
    # The first reading of each unambiguous day the conversation names ("Monday": the coming one), and
    # the times of day it says apart from any day ("on Monday on Print Deadlines at 10:30").
    conversation_first: list[TimeHint] = field(default_factory=list)
    conversation_clocks: list[time] = field(default_factory=list)

    def narrow(self, tied: list[Scored]) -> list[Scored]:
        """The tied candidates the conversation points at: those on the day it mentions, then, among
        them, those with a person it names (when any has one). A conversation that mentions several
        days is about several events ("move the scout on the 3rd, cancel the recce on Friday"): its
        days and people single out none of them."""
        if self.spec is None or self.several_days:
            return tied
        spec = self.spec
        pool = tied
        if self.conversation_times:
            first = self._on(pool, self.conversation_first)
            pool = first or self._on(pool, self.conversation_times) or pool
        if self.conversation_clocks:
            at_clock = [c for c in pool if starts_at(c.item, spec, self.conversation_clocks, self.timezone)]
            pool = at_clock or pool
        window = self.day_part()
        if window is not None:
            in_part = [c for c in pool if starts_within(c.item, spec, window, self.timezone)]
            pool = in_part or pool
        if self.conversation_words:
            named = {id(c): self._attendee_words_named(c.item, spec) for c in pool}
            most = max(named.values(), default=0)
            if most:
                pool = [c for c in pool if named[id(c)] == most]
        return pool

    def _on(self, pool: list[Scored], days: list[TimeHint]) -> list[Scored]:
        if self.spec is None or not days:
            return []
        return [c for c in pool if day_matched(c.item, self.spec, days, self.timezone)]

    def day_part(self) -> tuple[time, time] | None:
        """The one part of the day the conversation's words name ("afternoon", "after lunch"), if one."""
        text = f" {' '.join(self.conversation_words)} "
        found = [window for part, window in DAY_PARTS.items() if f" {part} " in text]
        if "after lunch" in text or "before lunch" in text:
            found = [w for w in found if w in (DAY_PARTS["after lunch"], DAY_PARTS["before lunch"])]
        return found[0] if len(found) == 1 else None

    def _attendee_words_named(self, item: dict[str, Any], spec: ReferenceSpec) -> int:
        """How many of the conversation's words name this event's attendees ("Dana Lee": 2)."""
        people = _people_words(item, spec)
        return sum(
            any(word_similarity(w, p) >= PERSON_MATCH for p in people) for w in set(self.conversation_words)
        )


def event_hints(
    reference: str,
    spec: ReferenceSpec,
    ctx: GuardContext,
    date_order: DateOrder | None = None,
    writing: dict[str, Any] | None = None,
) -> EventHints:
    """Split an event reference into its name words and its time hints; add the conversation's.

    ``writing``: the arguments of the call being checked. When the conversation names several days,
    those the call writes into the event are its new ones ("move the sync on Thursday to Friday the
    24th"), not the ones that point at it."""
    groups, residual = _time_hints(reference, ctx, date_order)
    times = [hint for group in groups for hint in group]
    mentioned: list[tuple[TimeHint, ...]] = []
    first: list[TimeHint] = []
    clocks: list[time] = []
    conversation_words: list[str] = []
    for message in ctx.user_messages[-3:]:
        read = message_times(message, ctx, date_order)
        mentioned.extend(read.groups)
        conversation_words.extend(w for w in words(read.rest) if w not in CONNECTORS)
        first.extend(read.first)
        clocks.extend(read.clocks)
    # A day or a person the episode already wrote into an event ("move X to April 9 and add Ravi",
    # done) belongs to that event: it does not point at the one this call is about.
    written_days, written_people = _written(ctx, spec)
    mentioned = [group for group in mentioned if any(hint.day not in written_days for hint in group)]
    conversation_words = [word for word in conversation_words if word not in written_people]
    if writing is not None and _several(mentioned):
        new_days = _days_in([writing], spec, ctx.timezone)
        mentioned = [group for group in mentioned if not any(hint.day in new_days for hint in group)]
    flat = [hint for group in mentioned for hint in group]
    hints = EventHints(residual, times, flat, conversation_words, spec, ctx.timezone)
    hints.several_days = _several(mentioned)
    hints.conversation_first = [hint for hint in first if hint.day not in written_days]
    hints.conversation_clocks = clocks
    return hints


def hints_for(
    value: str, spec: ReferenceSpec, ctx: GuardContext, pack: DomainPack, writing: Any = None
) -> EventHints:
    """:func:`event_hints` for a reference of a call checked against ``pack``: numeric dates read in the
    user's date order."""
    numeric = any(has_numeric_date(text) for text in [value, *ctx.user_messages[-3:]])
    order = user_date_order(ctx, pack) if numeric else pack.date_order
    return event_hints(value, spec, ctx, order, writing)


def _several(mentioned: list[tuple[TimeHint, ...]]) -> bool:
    return len({frozenset(h.day for h in group) for group in mentioned}) > 1


def _written(ctx: GuardContext, spec: ReferenceSpec) -> tuple[set[date], set[str]]:
    """Days and people's words that earlier calls of this episode sent into events (the pack's time
    and people fields)."""
    sent = [seen.args for seen in ctx.tool_results if isinstance(seen.args, dict)]
    people: set[str] = set()
    for args in sent:
        for pattern in spec.lookup.people_fields:
            for _, value in iter_paths(args, pattern):
                if isinstance(value, str):
                    people.update(words(value))
    return _days_in(sent, spec, ctx.timezone), people


def _days_in(sent: list[dict[str, Any]], spec: ReferenceSpec, timezone: str) -> set[date]:
    """The days (in the user's zone) that these arguments write into the pack's time fields."""
    zone = ZoneInfo(timezone)
    days: set[date] = set()
    for args in sent:
        for pattern in spec.lookup.time_fields:
            for _, value in iter_paths(args, pattern):
                try:
                    moment = isoparse(value) if isinstance(value, str) else None
                except ValueError:
                    moment = None
                if moment is not None:
                    days.add(moment.astimezone(zone).date() if moment.tzinfo else moment.date())
    return days


def score_event(
    hints: EventHints, item: dict[str, Any], spec: ReferenceSpec, ctx: GuardContext
) -> tuple[float, list[str], bool]:
    """Score one event: the weakest of name match, named people and stated day (each 0-100); and
    whether its title has exactly the reference's name words (and it is on the stated day)."""
    filler = _event_filler(spec.kind)
    ref_words = [w for w in content_words(hints.text, filler) if w not in filler]
    people = _people_words(item, spec)
    named = [w for w in ref_words if any(word_similarity(w, p) >= PERSON_MATCH for p in people)]
    remaining = [w for w in ref_words if w not in named]
    components: list[float] = []
    evidence: list[str] = []
    exact = False
    if remaining:
        primary, secondary = split_names(item, spec.lookup)
        exact = any(names_exactly(remaining, content_words(n, filler)) for n in primary)
        components.append(
            max(
                max((score_words(remaining, content_words(n, filler)) for n in primary), default=0.0),
                min(
                    max((score_words(remaining, content_words(n, filler)) for n in secondary), default=0.0),
                    SECONDARY_CAP,
                ),
            )
        )
    if named:
        components.append(100.0)
        evidence.append("with " + ", ".join(named))
    score = min(components) if components else 0.0
    if hints.times:
        day = day_matched(item, spec, hints.times, ctx.timezone)
        if day is None:
            # Not on the stated day: never resolvable, but still ranked by name for suggestions.
            score = (score if components else 100.0) * OFF_DAY_FACTOR
            exact = False
        else:
            evidence.append(f"on {day.isoformat()}")
    return score, evidence, exact


@lru_cache(maxsize=64)
def _event_filler(kind: str) -> frozenset[str]:
    return filler_for(kind) | CONNECTORS


@dataclass(frozen=True)
class MessageTimes:
    """What one text says about time, read once (cached): ``groups`` holds the days/times of each
    expression (every reading its words allow); ``rest`` is the text without them; ``first`` holds the
    first reading's days of the unambiguous day expressions; ``clocks`` the times of day (every reading:
    "10:30" may be 22:30) said apart from a day, when the text names one day at most; ``without_lengths``
    is the text with its durations ("for 45 minutes") taken out."""

    groups: tuple[tuple[TimeHint, ...], ...] = ()
    rest: str = ""
    first: tuple[TimeHint, ...] = ()
    clocks: tuple[time, ...] = ()
    without_lengths: str = ""


def message_times(text: str, ctx: GuardContext, date_order: DateOrder | None = None) -> MessageTimes:
    """:class:`MessageTimes` of ``text`` for the context's clock and zone."""
    return _read_times(text, ctx.now, ctx.timezone, date_order)


def _time_hints(
    text: str, ctx: GuardContext, date_order: DateOrder | None
) -> tuple[list[tuple[TimeHint, ...]], str]:
    """Days/times mentioned in ``text``, one group per expression, and the text without them."""
    read = message_times(text, ctx, date_order)
    return list(read.groups), read.rest


@lru_cache(maxsize=1024)
def _read_times(text: str, now: datetime, timezone: str, date_order: DateOrder | None) -> MessageTimes:
    try:
        expressions = extract_datetimes(text, now=now, tz=timezone, date_order=date_order)
    except Exception:  # an unparseable phrase is simply not a hint
        return MessageTimes(rest=text, without_lengths=text)
    groups: list[tuple[TimeHint, ...]] = []
    first: list[TimeHint] = []
    clocks: list[time] = []
    pieces: list[str] = []
    kept: list[str] = []
    cursor = length_cursor = 0
    for expression in sorted(expressions, key=lambda e: e.span_start):
        if expression.grain == "duration":
            kept.append(text[length_cursor : expression.span_start])
            length_cursor = max(length_cursor, expression.span_end)
            continue
        found = [h for r in expression.readings for h in _reading_hints(r.value, r.start, r.end)]
        if found:
            groups.append(tuple(found))
        if expression.grain == "time":
            clocks.extend(r.value for r in expression.readings if isinstance(r.value, time))
        elif not expression.ambiguous:
            reading = expression.readings[0]
            first.extend(_reading_hints(reading.value, reading.start, reading.end))
        pieces.append(text[cursor : expression.span_start])
        cursor = max(cursor, expression.span_end)
    pieces.append(text[cursor:])
    kept.append(text[length_cursor:])
    if len({hint.day for hint in first}) > 1:
        clocks = []  # several days: which one the time belongs to is not said
    return MessageTimes(tuple(groups), " ".join(pieces), tuple(first), tuple(clocks), " ".join(kept))


def _reading_hints(value: Any, start: Any, end: Any) -> Iterable[TimeHint]:
    if isinstance(value, datetime):
        yield TimeHint(value.date(), value.time().replace(tzinfo=None))
    elif isinstance(value, date):
        yield TimeHint(value)
    elif isinstance(start, datetime) and isinstance(end, datetime) and end.date() == start.date():
        yield TimeHint(start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None))
    elif isinstance(start, datetime):
        yield TimeHint(start.date(), start.time().replace(tzinfo=None))
    elif isinstance(start, date):
        last = end if isinstance(end, date) and not isinstance(end, datetime) else start
        for offset in range(min((last - start).days, MAX_RANGE_DAYS) + 1):
            yield TimeHint(start + timedelta(days=offset))


def _people_words(item: dict[str, Any], spec: ReferenceSpec) -> list[str]:
    return [
        w
        for pattern in spec.lookup.people_fields
        for _, value in iter_paths(item, pattern)
        if isinstance(value, str)
        for w in words(value)
    ]


def occurrence_day(item: dict[str, Any], spec: ReferenceSpec, hints: EventHints, today: date) -> date | None:
    """The day the reference (else the conversation) names on which ``item`` occurs, if any. When the
    words allow several ("Thursday": this one or last), the first from ``today`` on, else the latest."""
    if hints.times:
        wanted = hints.times
    elif hints.several_days or not hints.conversation_times:
        return None
    else:
        wanted = hints.conversation_times
    days = sorted({day for hint in wanted if (day := day_matched(item, spec, [hint], hints.timezone))})
    upcoming = [day for day in days if day >= today]
    return upcoming[0] if upcoming else (days[-1] if days else None)


def is_event_like(spec: ReferenceSpec) -> bool:
    """Does the reference carry times or people (an event) that can tell its candidates apart?"""
    return bool(spec.lookup.time_fields or spec.lookup.people_fields)
