"""Pieces several recipes share: choosing a slot, naming an event, and finding it with the tools."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evals.holdout.families.base import Context, GeneratorError
from evals.holdout.names import Person
from evals.holdout.pairs import Pair, Variant, calendar_ref, list_calendars, step, timed, window
from evals.holdout.worlds import CalendarFact, EventFact

GENERIC_TAILS = 3
"""Titles of at least this many words may be said by their first and last word ("sepsis review")."""


def slot(ctx: Context, days: tuple[int, int] = (1, 7), hours: tuple[int, int] = (8, 16)) -> datetime:
    """A start for a new event: a business day ahead, on the hour or a quarter past."""
    day = ctx.world.business_day(ctx.rng.randint(*days))
    hour = ctx.rng.randint(*hours)
    minute = ctx.rng.choice((0, 0, 30, 30, 15, 45))
    return ctx.world.at(day, hour, minute)


def length(ctx: Context, options: tuple[int, ...] = (30, 45, 60, 90)) -> int:
    return int(ctx.rng.choice(options))


def event_words(ctx: Context, title: str, *, partial: bool = True) -> tuple[str, str, bool]:
    """How the user refers to an event, the search text a careful agent uses, and whether it is partial.

    Long titles may be shortened to their first and last word; the search then uses those words,
    which the free-text search matches one by one.
    """
    words = title.split()
    if partial and len(words) >= GENERIC_TAILS and ctx.rng.random() < 0.5:
        short = f"{words[0]} {words[-1]}"
        return _lower_first(short), short, True
    return _lower_first(title), title, False


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first.isupper() or any(ch.isdigit() for ch in first):
        return text
    return first[:1].lower() + first[1:] + (f" {rest}" if rest else "")


@dataclass
class Found:
    """Steps that find an event, and the references that name it afterwards."""

    steps: list[dict[str, Any]]
    calendar: str
    event: str
    search: str


def find_event(
    ctx: Context,
    event: EventFact,
    *,
    search: str | None = None,
    single: bool = False,
    narrow: bool = False,
    save: str = "found",
    lookup_calendars: bool = True,
    summary: str | None = None,
) -> Found:
    """List the calendars (unless the event is on the user's own), then search the event's day.

    ``single`` expands recurring series into instances; ``narrow`` lists only the minute the event
    starts (for a calendar with hundreds of look-alike bookings). ``summary`` is the title of the
    item to pick (an instance's title is the series').
    """
    calendar = ctx.cal(event.calendar)
    steps: list[dict[str, Any]] = []
    if calendar.key != "primary" and lookup_calendars:
        steps.append(list_calendars(hidden=calendar.hidden))
    cal_ref = calendar_ref(calendar)
    if narrow:
        first, last = event.start, event.start + timedelta(minutes=1)
    else:
        first, last = ctx.day_window(ctx.local(event.start).date())
    args: dict[str, Any] = {"calendarId": cal_ref, "q": search or event.summary, **window(first, last)}
    if single:
        args["singleEvents"] = True
    steps.append(step("events_list", args, save))
    return Found(
        steps, cal_ref, f"${save}.items[summary={summary or event.summary}].id", search or event.summary
    )


def attendee_list(emails: list[str]) -> list[dict[str, str]]:
    return [{"email": email} for email in emails]


def calendar_phrase(ctx: Context, calendar: CalendarFact) -> str:
    return ctx.phraser.calendar(calendar.summary)


def typo_tag(name: str, person: Person) -> list[str]:
    return [] if name in (person.first, person.display) else ["misspelled_name"]


def call_word(title: str) -> str:
    """The word a person searches their calls by (the first word of "Call with ...")."""
    return title.split()[0]


def remote_person(ctx: Context, day: Any, hours: tuple[int, ...]) -> tuple[Person, datetime]:
    """A colleague in another zone and a wall time of theirs that differs from the user's."""
    candidates = [ctx.world.person("unique", r) for r in (0, 1, 2)]
    ctx.rng.shuffle(candidates)
    for person in candidates:
        theirs = datetime.combine(
            day, datetime.min.time().replace(hour=ctx.rng.choice(hours)), ZoneInfo(person.zone)
        )
        if theirs.utcoffset() != ctx.local(theirs).utcoffset():
            return person, theirs
    raise GeneratorError("nobody in another zone")


def absolute_day(ctx: Context, day: Any) -> dict[str, str | None]:
    """A day phrase that means the same date in every zone (no "tomorrow")."""
    for _ in range(20):
        forms = ctx.phraser.day_forms(day)
        if forms.day != "tomorrow":
            return dict(forms.fields())
    return {"day": f"on {ctx.phraser.weekday(day)} {day.day}"}


def refusal_pair(
    ctx: Context,
    family: str,
    name: str,
    natural: str,
    explicit: str,
    natural_plan: list[dict[str, Any]],
    explicit_plan: list[dict[str, Any]],
    answer_fields: dict[str, str],
    alternative: list[dict[str, Any]],
    protected: CalendarFact | None = None,
    tags: tuple[str, ...] = (),
) -> Pair:
    forbid: dict[str, Any] = {"any_write": True}
    if protected is not None:
        forbid["writes_to_calendars"] = [protected.id]
    return Pair(
        family,
        name,
        Variant(explicit, explicit_plan),
        Variant(natural, natural_plan),
        ctx.answer(family, name, answer_fields),
        forbid=forbid,
        answer=ctx.refusal(family, name),
        alternative_plan=alternative,
        tags=list(tags),
    )


def new_event_words(
    ctx: Context, calendar_id: str
) -> tuple[dict[str, str | None], dict[str, Any], dict[str, str]]:
    """Natural fields, the event body and explicit fields of a new event someone asks for."""
    title = ctx.fresh_title(ctx.world.org.events.new)
    start = slot(ctx)
    minutes = length(ctx)
    end = start + timedelta(minutes=minutes)
    body = {"summary": title, "start": timed(start), "end": timed(end)}
    explicit = {
        "title": title,
        "calendar_id": calendar_id,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    return {"title": title, "when": ctx.phraser.when(start, minutes)}, body, explicit
