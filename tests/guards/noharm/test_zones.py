"""No-harm regression tests, zones: a time in another person's zone is theirs (2), and a zone
abbreviation that contradicts the season has one rule everywhere (3). On a world of our own."""

from __future__ import annotations

import pytest

from guards import InterventionKind
from tests.guards.noharm.helpers import INES, JONAS, KENJI, check, event, world


def grounding(verdict: object) -> list[object]:
    return [i for i in verdict.interventions if i.kind == InterventionKind.GROUNDING]  # type: ignore[attr-defined]


# -- 2. a person's time --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        (
            "Book a 30-minute call with Jonas tomorrow at 9am Jonas's time",
            "2026-07-15T09:00:00+02:00",
            "2026-07-15T09:30:00+02:00",
        ),
        (
            "Set up a half-hour sync with Kenji tomorrow at 10 in Kenji's time zone",
            "2026-07-15T10:00:00+09:00",
            "2026-07-15T10:30:00+09:00",
        ),
    ],
)
def test_a_correct_value_in_the_named_persons_zone_is_left_alone(words: str, start: str, end: str) -> None:
    attendee = JONAS if "Jonas" in words else KENJI
    args = event(INES, start, end, attendees=[{"email": attendee}])
    verdict = check(world(), "events_insert", args, [words])
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == start and not grounding(verdict)


def test_a_zone_less_value_is_read_in_the_named_persons_zone() -> None:
    words = ["Book a 30-minute call with Jonas tomorrow at 9am Jonas's time"]
    args = event(INES, "2026-07-15 09:00", "2026-07-15 09:30", attendees=[{"email": JONAS}])
    verdict = check(world(), "events_insert", args, words)
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-07-15T09:00:00+02:00"


def test_the_wall_time_written_with_the_users_offset_moves_to_the_named_persons_zone() -> None:
    # 9am with Lisbon's offset is 10am in Stockholm; the user asked for 9am there.
    words = ["Book a 30-minute call with Jonas tomorrow at 9am Jonas's time"]
    lisbon = ("2026-07-15T09:00:00+01:00", "2026-07-15T09:30:00+01:00")
    verdict = check(world(), "events_insert", event(INES, *lisbon, attendees=[{"email": JONAS}]), words)
    assert verdict.passed
    assert verdict.args["start"]["dateTime"] == "2026-07-15T09:00:00+02:00"
    assert "Europe/Stockholm" in grounding(verdict)[0].reason  # type: ignore[attr-defined]


UNKNOWN_OWNERS = ["Find a slot in her morning tomorrow", "Call Tom tomorrow at 3pm Tom's time"]


@pytest.mark.parametrize("words", UNKNOWN_OWNERS)
def test_an_owner_the_directory_cannot_single_out_leaves_the_time_alone(words: str) -> None:
    args = event(INES, "2026-07-15T15:00:00-05:00", "2026-07-15T15:30:00-05:00")
    verdict = check(world(), "events_insert", args, [words])
    assert verdict.passed and not grounding(verdict)


def test_a_zone_less_value_for_an_unknown_owners_time_is_refused_with_its_readings() -> None:
    args = event(INES, "2026-07-15 15:00", "2026-07-15 15:30")
    verdict = check(world(), "events_insert", args, ["Call Tom tomorrow at 3pm Tom's time"])
    assert verdict.error is not None and verdict.error["error_type"] == "format_error"
    assert "Tom's time" in verdict.error["details"]["reason"]


@pytest.mark.parametrize(
    "words",
    ["Put a carrier call on my calendar on Wednesday at 9 am St. John's time", "Call Tom at 3pm Tom's time"],
)
def test_a_zone_less_value_is_refused_even_when_the_reader_abstains_on_whose_time(words: str) -> None:
    # "St. John's time" is a place the reader does not know: it abstains on the whole expression, but
    # the value still must not be read in Ines's zone as if no other time had been named.
    args = event(INES, "2026-07-15 09:00", "2026-07-15 09:30")
    verdict = check(world(), "events_insert", args, [words])
    assert verdict.error is not None and verdict.error["error_type"] == "format_error"


def test_a_possessive_with_no_clock_before_it_names_no_other_time() -> None:
    args = event(INES, "2026-07-15 09:00", "2026-07-15 09:30", summary="Jonas's time-off review")
    verdict = check(world(), "events_insert", args, ["Add Jonas's time-off review tomorrow at 9am"])
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-07-15T09:00:00+01:00"


# -- 3. one rule for zone abbreviations -------------------------------------------------------------------


@pytest.mark.parametrize("start", ["2026-07-15T15:00:00-07:00", "2026-07-15T15:00:00-08:00"])
def test_either_reading_of_pst_in_summer_is_left_alone(start: str) -> None:
    """PST in July contradicts the season: both the fixed -08:00 and Pacific wall time are readings."""
    end = start.replace("15:00", "15:30")
    words = ["Call the LA carrier tomorrow at 3pm PST"]
    verdict = check(world(), "events_insert", event(INES, start, end), words)
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == start and not grounding(verdict)


def test_an_agent_value_written_as_pst_in_summer_is_ambiguous() -> None:
    args = event(INES, "tomorrow 3pm PST", "2026-07-15T15:30:00-07:00")
    verdict = check(world(), "events_insert", args)
    assert verdict.error is not None and verdict.error["error_type"] == "format_error"
    readings = {"2026-07-15T15:00:00-08:00", "2026-07-15T15:00:00-07:00"}
    assert set(verdict.error["details"]["candidates"]) >= readings


@pytest.mark.parametrize("owner", ["Jonas's", "Priya's", "her"])
def test_a_window_in_someone_elses_time_never_moves_a_value_into_the_users_zone(owner: str) -> None:
    words = [f"Book 30 minutes with Jonas tomorrow at the first free slot between ten and two {owner} time"]
    start = "2026-07-15T11:30:00+02:00"  # 11:30 in Stockholm, inside the window there
    args = event(INES, start, "2026-07-15T12:00:00+02:00", attendees=[{"email": JONAS}])
    verdict = check(world(), "events_insert", args, words)
    assert not str(verdict.args["start"]["dateTime"]).endswith("+01:00")  # never Lisbon, the user's zone
    if owner != "Priya's":  # a window in Priya's time may move a Stockholm wall time there, nowhere else
        assert verdict.args["start"]["dateTime"] == start and not grounding(verdict)


SERIES = "Weekly sync with Jonas: Mondays at 9am Jonas's time, first one on 20 July."


def _series(start: str, end: str) -> dict[str, object]:
    args = event(INES, start, end, attendees=[{"email": JONAS}])
    return {**args, "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO"]}


def test_a_series_in_a_persons_time_confirms_an_offset_slip_in_their_zone() -> None:
    # 09:00Z is 11:00 in Stockholm; the user's 9am is Jonas's: the wall time as written, his offset.
    args = _series("2026-07-20T09:00:00Z", "2026-07-20T09:30:00Z")
    verdict = check(world(), "events_insert", args, [SERIES])
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-07-20T09:00:00+02:00"
    assert len(grounding(verdict)) == 2


def test_a_series_in_a_persons_time_leaves_a_correct_value_alone() -> None:
    args = _series("2026-07-20T09:00:00+02:00", "2026-07-20T09:30:00+02:00")
    verdict = check(world(), "events_insert", args, [SERIES])
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-07-20T09:00:00+02:00"
    assert not grounding(verdict)


def test_a_series_in_the_time_of_someone_the_directory_cannot_single_out_moves_nothing() -> None:
    words = ["Weekly sync with Tom: Mondays at 9am Tom's time, first one on 20 July."]
    args = _series("2026-07-20T09:00:00Z", "2026-07-20T09:30:00Z")
    verdict = check(world(), "events_insert", args, words)
    assert not grounding(verdict)


@pytest.mark.parametrize(
    "words", ["Move tomorrow's depot visit to 10am.", "Put tomorrow's morning depot visit at 10am instead."]
)
def test_a_day_said_as_a_possessive_names_no_persons_time(words: str) -> None:
    # "tomorrow's" is the day of the visit, not someone whose zone the time is in
    args = {
        "calendarId": "primary",
        "eventId": "nh0002dep",
        "start": {"dateTime": "2026-07-15T10:00:00"},
        "end": {"dateTime": "2026-07-15T11:00:00"},
    }
    verdict = check(world(), "events_patch", args, [words])
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-07-15T10:00:00+01:00"
