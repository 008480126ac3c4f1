"""Words for dates, times, durations and references, and the filling of instruction templates.

A :class:`Phraser` renders what a person would say for a date relative to "today" ("tomorrow",
"on Thursday", "on Tue the 14th", "on 14 May"), a clock time ("3pm", "15:30", "3.30pm", "half past
three") and a span ("from 3pm to 4.30pm"). It only picks a day style that is unambiguous for the
date (no "this Thursday" for a Thursday in another week), and only a spoken-word time where the
hour leaves no doubt about morning or afternoon.
"""

from __future__ import annotations

import random
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from evals.holdout.vocab import PhrasingVocab

DAY_FIELDS = frozenset({"day", "day_possessive", "day_bare", "day_cap"})
"""Alternative renderings of one day: a template uses at least one of them, not all."""


class TemplateError(ValueError):
    """A template that does not fit its fields (a generator bug, caught before a task is written)."""


@dataclass(frozen=True)
class DayForms:
    """One day said one way: with its preposition, bare, and as a possessive (when idiomatic)."""

    day: str
    day_bare: str
    day_possessive: str | None

    def fields(self, prefix: str = "") -> dict[str, str | None]:
        cap = self.day[:1].upper() + self.day[1:]
        return {
            f"{prefix}day": self.day,
            f"{prefix}day_bare": self.day_bare,
            f"{prefix}day_possessive": self.day_possessive,
            f"{prefix}day_cap": cap,
        }


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Phraser:
    """Renders phrases for one world's "today" with a seeded choice of styles."""

    def __init__(self, vocab: PhrasingVocab, rng: random.Random, today: date) -> None:
        self.vocab = vocab
        self.rng = rng
        self.today = today

    # ---- days ---------------------------------------------------------------------------------

    def _styles_for(self, day: date) -> list[str]:
        delta = (day - self.today).days
        same_week = day.isocalendar()[:2] == self.today.isocalendar()[:2]
        next_week = (day - timedelta(days=7)).isocalendar()[:2] == self.today.isocalendar()[:2]
        usable = {
            "tomorrow": delta == 1,
            "weekday": 1 < delta <= 6,
            "this_weekday": 1 < delta <= 6 and same_week,
            "weekday_next_week": next_week and delta > 1,
            "abbr_ordinal": 0 < delta <= 27,
            "day_month": delta > 0,
            "month_day": delta > 0,
            "weekday_day_month": delta > 0,
        }
        return [style for style in self.vocab.day_styles if usable.get(style)]

    def day_forms(self, day: date, *, possessive: bool = False) -> DayForms:
        """``day`` said one way (a style with a possessive form when ``possessive``)."""
        styles = self._styles_for(day)
        if possessive:
            styles = [s for s in styles if s in ("tomorrow", "weekday", "this_weekday")] or styles
        style = self.rng.choice(styles)
        v = self.vocab
        weekday, abbr = v.weekdays[day.weekday()], v.weekday_abbr[day.weekday()]
        month = v.months[day.month - 1]
        if style == "tomorrow":
            return DayForms("tomorrow", "tomorrow", "tomorrow's")
        if style == "weekday":
            return DayForms(f"on {weekday}", weekday, f"{weekday}'s")
        if style == "this_weekday":
            return DayForms(f"this {weekday}", f"this {weekday}", f"this {weekday}'s")
        if style == "weekday_next_week":
            return DayForms(f"on {weekday} next week", f"{weekday} next week", None)
        if style == "abbr_ordinal":
            bare = f"{abbr} the {ordinal(day.day)}"
        elif style == "day_month":
            bare = f"{day.day} {month}"
        elif style == "month_day":
            bare = f"{month} {day.day}"
        else:
            bare = f"{weekday} {day.day} {month}"
        return DayForms(f"on {bare}", bare, None)

    def weekday(self, day: date) -> str:
        return self.vocab.weekdays[day.weekday()]

    # ---- times --------------------------------------------------------------------------------

    def clock(self, moment: time, style: str | None = None) -> str:
        """A wall time in one of the vocabulary's styles (``style`` forces one)."""
        style = style or self.rng.choice(self.vocab.time_styles)
        hour, minute = moment.hour, moment.minute
        if style == "words":
            spoken = self._spoken(hour, minute)
            if spoken:
                return spoken
            style = "h12"
        if style == "h24":
            return f"{hour:02d}:{minute:02d}"
        if hour == 12 and minute == 0:
            return self.rng.choice(self.vocab.noon)
        suffix = "am" if hour < 12 else "pm"
        h12 = hour % 12 or 12
        separator = "." if style == "h12_dot" else ":"
        text = f"{h12}" if minute == 0 else f"{h12}{separator}{minute:02d}"
        return f"{text} {suffix}" if style == "h12_space" else f"{text}{suffix}"

    def _spoken(self, hour: int, minute: int) -> str | None:
        """ "half past three": only 8-11 (morning) and 12-5 (afternoon), where nobody means 3am."""
        if not (8 <= hour <= 17):
            return None
        words = self.vocab.hour_words
        if minute == 0:
            return None if hour == 12 else f"{words[hour % 12]} o'clock"
        if minute == 15:
            return f"quarter past {words[hour % 12]}"
        if minute == 30:
            return f"half past {words[hour % 12]}"
        if minute == 45 and hour != 11 and hour != 17:
            return f"quarter to {words[(hour + 1) % 12]}"
        return None

    def duration(self, minutes: int) -> str:
        return self.rng.choice(self.vocab.durations[minutes])

    def amount(self, minutes: int) -> str:
        return self.rng.choice(self.vocab.amounts[minutes])

    def when(self, start: datetime, minutes: int) -> str:
        """A day and a span: "on Thursday at 3pm for an hour", "tomorrow from 15:00 to 16:30"."""
        forms = self.day_forms(start.date())
        end = start + timedelta(minutes=minutes)
        style = self.rng.choice(self.vocab.time_styles)
        form = self.rng.choice(self.vocab.when_forms)
        if "{duration}" in form and minutes not in self.vocab.durations:
            form = "{day} from {start} to {end}"
        text = form.format(
            day=forms.day,
            start=self.clock(start.time(), style),
            end=self.clock(end.time(), style),
            duration=self.duration(minutes) if "{duration}" in form else "",
        )
        return text

    # ---- references ---------------------------------------------------------------------------

    def calendar(self, name: str) -> str:
        form = self.rng.choice(self.vocab.calendar_refs)
        return form.format(name=name, lower=soft_lower(name))

    def possessive_calendar(self, person: str, word: str) -> str:
        return self.rng.choice(self.vocab.possessive_refs).format(person=person, word=word.lower())

    def role(self, role: str) -> str:
        """ "so they can edit it": a role said as what it lets someone do."""
        return self.rng.choice(self.vocab.role_phrases[role])

    def role_short(self, role: str) -> str:
        """ "edit access": a role said as a noun phrase."""
        return self.rng.choice(self.vocab.role_short[role])

    def count(self, n: int) -> str:
        return self.vocab.count_words.get(n, str(n))

    # ---- templates ----------------------------------------------------------------------------

    def fill(
        self, templates: list[str], fields: Mapping[str, str | None], either: tuple[frozenset[str], ...] = ()
    ) -> str:
        """One of ``templates`` filled with ``fields``; every field must be used.

        Fields in one ``either`` group (and the renderings of the day, see :data:`DAY_FIELDS`) are
        alternatives: a template uses at least one of them. ``None`` marks a field with no idiomatic
        rendering here (a possessive of "14 May"): templates that need it are skipped.
        """
        groups = [g & set(fields) for g in (*either, DAY_FIELDS)]
        groups = [g for g in groups if g]
        optional = set().union(*groups) if groups else set()
        usable = [t for t in templates if all(fields.get(name) is not None for name in _names(t))]
        if not usable:
            raise TemplateError(f"no template fits the fields {sorted(k for k, v in fields.items() if v)}")
        template = self.rng.choice(usable)
        used = _names(template)
        unknown = used - set(fields)
        if unknown:
            raise TemplateError(f"template {template!r} needs unknown fields {sorted(unknown)}")
        unused = {k for k, v in fields.items() if v is not None and k not in used} - optional
        if unused:
            raise TemplateError(f"template {template!r} leaves out {sorted(unused)}")
        silent = [sorted(g) for g in groups if not used & g]
        if silent:
            raise TemplateError(f"template {template!r} says none of {silent}")
        text = template.format(**{k: v for k, v in fields.items() if v is not None})
        return text[:1].upper() + text[1:]


def soft_lower(name: str) -> str:
    """ "Scanner Time - 7T" -> "scanner time - 7T": lowercase the capitalised words, keep codes."""

    def soft(part: str) -> str:
        return part.lower() if part[:1].isupper() and (part[1:].islower() or len(part) == 1) else part

    return " ".join("-".join(soft(p) for p in word.split("-")) for word in name.split(" "))


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
