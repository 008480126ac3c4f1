"""Vocabularies, names and phrases: the rules the task generator relies on."""

from __future__ import annotations

import random
from datetime import date, time

import pytest
from pydantic import ValidationError

from evals.holdout.names import fold_ascii, misspell
from evals.holdout.phrasing import Phraser, TemplateError, soft_lower
from evals.holdout.vocab import EventTitles, load_vocabulary

TODAY = date(2026, 3, 4)  # a Wednesday


def phraser(seed: int = 0) -> Phraser:
    return Phraser(load_vocabulary().phrasing, random.Random(seed), TODAY)


def test_every_organisation_is_valid_and_the_vocabularies_load() -> None:
    vocab = load_vocabulary()
    assert len(vocab.organisations) >= 8
    assert {org.key for org in vocab.organisations} >= {
        "hospital",
        "lab",
        "lawfirm",
        "film",
        "council",
        "logistics",
    }


def test_a_filler_title_hiding_a_searched_title_is_rejected() -> None:
    org = load_vocabulary().organisations[0].events.model_dump()
    org["filler"] = [*org["filler"], f"{org['repeated']} (moved)"]
    with pytest.raises(ValidationError, match="overlaps the searched title"):
        EventTitles.model_validate(org)


def test_day_phrases_only_use_styles_that_fit_the_date() -> None:
    p = phraser()
    for seed in range(60):
        p.rng.seed(seed)
        assert p.day_forms(date(2026, 3, 5)).day in {
            "tomorrow",
            "on Thursday",
            "this Thursday",
            "on Thu the 5th",
            "on 5 March",
            "on March 5",
            "on Thursday 5 March",
        }
        next_week = p.day_forms(date(2026, 3, 12))
        assert "this" not in next_week.day and next_week.day != "on Thursday"
        assert p.day_forms(date(2026, 3, 6), possessive=True).day_possessive in {"Friday's", "this Friday's"}


def test_spoken_times_only_where_morning_or_afternoon_is_obvious() -> None:
    p = phraser()
    assert p.clock(time(15, 30), "words") == "half past three"
    assert p.clock(time(8, 45), "words") == "quarter to nine"
    assert p.clock(time(20, 30), "words") == "8:30pm"
    assert p.clock(time(15, 30), "h12_dot") == "3.30pm"
    assert p.clock(time(9, 5), "h24") == "09:05"
    assert p.clock(time(12, 0), "h12") in {"noon", "midday"}


def test_a_template_that_drops_a_field_is_a_generator_error() -> None:
    p = phraser()
    with pytest.raises(TemplateError, match="leaves out"):
        p.fill(["Add '{title}' {day}."], {"title": "X", "cal": "Team", "day": "tomorrow"})
    with pytest.raises(TemplateError, match="says none of"):
        p.fill(["Add '{title}'."], {"title": "X", "day": "tomorrow", "day_bare": "tomorrow"})
    assert p.fill(["add '{title}' {day}."], {"title": "X", "day": "on Friday", "day_possessive": None}) == (
        "Add 'X' on Friday."
    )


def test_typos_are_harmless_and_emails_are_ascii() -> None:
    rng = random.Random(1)
    for word in ("Annette", "Bergström", "Ó Briain", "Kwame", "Ng"):
        typo = misspell(rng, word)
        assert typo != word and typo[:2] == word[:2]
    assert fold_ascii("Søren Grünewald Ó Briain") == "Soren Grunewald O Briain"
    assert soft_lower("Scanner Time - 7T") == "scanner time - 7T"
