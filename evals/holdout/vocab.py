"""The held-out generator's vocabularies: organisations, people, zones, clocks and phrasings.

They are YAML data files in ``evals/holdout/data/`` (validated here with pydantic, the files being an
edge), so a new organisation or a new way of saying "half past three" is a data change. The checks
below enforce what the task generator relies on: the titles that tasks search for never hide inside
filler titles, and every organisation names every calendar role.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA_DIR = Path(__file__).parent / "data"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupVocab(_Strict):
    local: str
    name: str


class CalendarNames(_Strict):
    prefix: tuple[str, str]
    shared_word: tuple[str, str]
    near_duplicate: tuple[str, str]
    identical: str
    person_word: str
    owned: tuple[str, str]
    readonly: tuple[str, str]
    freebusy: str
    invisible: str
    large: str
    hidden: str
    override_alias: str
    filler: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _prefix_is_a_prefix(self) -> CalendarNames:
        base, extended = self.prefix
        if not extended.startswith(base) or extended == base:
            raise ValueError(f"prefix calendars: {extended!r} must extend {base!r}")
        return self


class EventTitles(_Strict):
    near_duplicate: tuple[str, str]
    repeated: str
    standup: str
    weekly: str
    calls: tuple[str, str]
    movable: list[str] = Field(min_length=3)
    invite_target: str
    archive: str
    new: list[str] = Field(min_length=5)
    all_day: list[str] = Field(min_length=3)
    recurring_new: list[str] = Field(min_length=3)
    calendar_new: list[str] = Field(min_length=2)
    large: list[str] = Field(min_length=4)
    filler: list[str] = Field(min_length=4)
    lunch: str

    def searched(self) -> list[str]:
        """Titles that tasks look events up by."""
        return [
            *self.near_duplicate,
            self.repeated,
            self.standup,
            self.weekly,
            *self.calls,
            *self.movable,
            self.invite_target,
            self.archive,
            *self.large,
        ]

    @model_validator(mode="after")
    def _searched_titles_stand_out(self) -> EventTitles:
        base, variant = self.near_duplicate
        if not variant.startswith(base):
            raise ValueError(f"near-duplicate titles: {variant!r} must extend {base!r}")
        for title in self.searched():
            for filler in self.filler:
                if title.casefold() in filler.casefold() or filler.casefold() in title.casefold():
                    raise ValueError(f"filler title {filler!r} overlaps the searched title {title!r}")
        return self


class Organisation(_Strict):
    key: str
    names: list[str] = Field(min_length=1)
    domains: list[str] = Field(min_length=1)
    email_style: str
    id_style: str
    home_zones: list[str] = Field(min_length=1)
    remote_zones: list[str] = Field(min_length=3)
    clocks: list[str] = Field(min_length=1)
    settings: dict[str, str] = Field(default_factory=dict)
    job_titles: list[str] = Field(min_length=5)
    groups: list[GroupVocab] = Field(min_length=1)
    calendars: CalendarNames
    events: EventTitles


class PeopleVocab(_Strict):
    first_names: list[str] = Field(min_length=20)
    last_names: list[str] = Field(min_length=20)
    trio_first: list[str]
    prefix_last_pairs: list[tuple[str, str]]
    duo_first: list[str]
    same_full_names: list[tuple[str, str]]


class ZoneVocab(_Strict):
    odd_offset: list[str]
    southern_dst: list[str]
    northern_dst: list[str]
    no_dst: list[str]
    cities: dict[str, str]


class Clock(_Strict):
    date: date
    time: str
    region: str
    note: str


class TemplateSet(_Strict):
    natural: list[str] = Field(min_length=1)
    explicit: list[str] = Field(min_length=1)
    answer: str
    refusal: str | None = None


class PhrasingVocab(_Strict):
    weekdays: list[str]
    weekday_abbr: list[str]
    months: list[str]
    month_abbr: list[str]
    hour_words: list[str]
    count_words: dict[int, str]
    noon: list[str]
    day_styles: list[str]
    time_styles: list[str]
    when_forms: list[str]
    durations: dict[int, list[str]]
    amounts: dict[int, list[str]]
    calendar_refs: list[str]
    possessive_refs: list[str]
    role_phrases: dict[str, list[str]]
    role_short: dict[str, list[str]]
    ordinal_words: dict[int, str]
    one_on_one_titles: list[str]
    refusal_words: dict[str, list[str]]
    families: dict[str, dict[str, TemplateSet]]

    def templates(self, family: str, recipe: str) -> TemplateSet:
        return self.families[family][recipe]


class Vocabulary(_Strict):
    """Everything the generator draws words from."""

    organisations: list[Organisation]
    people: PeopleVocab
    zones: ZoneVocab
    clocks: dict[str, Clock]
    phrasing: PhrasingVocab

    @model_validator(mode="after")
    def _references_exist(self) -> Vocabulary:
        for org in self.organisations:
            unknown = [name for name in org.clocks if name not in self.clocks]
            if unknown:
                raise ValueError(f"organisation {org.key!r} uses unknown clocks {unknown}")
        return self

    def organisation(self, key: str) -> Organisation:
        return next(org for org in self.organisations if org.key == key)


def _read(name: str) -> Any:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The bundled vocabularies, validated once per process."""
    return Vocabulary(
        organisations=_read("organisations.yaml")["organisations"],
        people=_read("people.yaml"),
        zones=_read("zones.yaml"),
        clocks=_read("clocks.yaml")["clocks"],
        phrasing=_read("phrasing.yaml"),
    )
