import contextlib
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from guards.datetimes import DatetimeError, NormalizedDatetime, extract_datetimes, normalize_datetime

SETTINGS = settings(max_examples=150, deadline=None)
ZONES = st.sampled_from(["America/New_York", "Asia/Tokyo", "Europe/Berlin", "UTC", "Australia/Sydney"])
NOWS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1))

FRAGMENTS = [
    "tomorrow", "next", "last", "Friday", "Mon", "at", "3pm", "9:30", "am", "p.m.", "noon", "from", "to",
    "between", "and", "in", "2", "hours", "days", "ago", "03/04/2026", "2026-02-30", "Feb", "31st", "of",
    "March", "PST", "CST", "Tokyo time", "UTC+5", "-", "every", "half past", "quarter to", "o'clock",
    "the", "week", "weekend", "morning", "tonight", ",", "since", "before", "after", "2026-11-01T01:30",
    "13", "twenty", "first", "Christmas", "2019", "'99", "@", "(", ")", "½", "½ hour", "a", "day", "week 53",
    "two thousand and", "nineteen", "18-19", "Jan-Feb", "next 3 days", "the week of", "w/c", "q3",
]  # fmt: skip
PHRASES = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=7).map(" ".join)
# Any number where a calendar expects a small one: quantities, years and zone offsets out of range.
NUMBERS = st.integers(min_value=0, max_value=10**15).map(str)
NUMBER_SHAPES = st.one_of(
    NUMBERS,
    st.builds("{}:{}".format, NUMBERS, NUMBERS),
    st.builds("GMT-{}:{}".format, NUMBERS, NUMBERS),
    st.builds("UTC+{}".format, NUMBERS),
    st.builds("{}/{}/{}".format, NUMBERS, NUMBERS, NUMBERS),
)
NUMBERED_PHRASES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), NUMBER_SHAPES), min_size=2, max_size=7).map(
    " ".join
)


@SETTINGS
@given(st.one_of(st.text(max_size=60), PHRASES), NOWS, ZONES, st.sampled_from(["datetime", "date"]))
def test_normalize_returns_or_raises_only_documented_errors(value, now, tz, grain):
    try:
        result = normalize_datetime(value, now=now, tz=tz, grain=grain)
    except DatetimeError as error:
        payload = error.to_error("tool", "field")
        assert payload["error_type"] == "format_error"
        assert payload["details"]["field"] == "field"
        return
    assert isinstance(result, NormalizedDatetime)
    if grain == "datetime":
        parsed = datetime.fromisoformat(result.value)
        assert parsed.utcoffset() is not None
    else:
        assert len(result.value) == 10


@SETTINGS
@given(st.one_of(st.text(max_size=80), PHRASES), NOWS, ZONES)
def test_extract_never_raises_and_spans_index_the_text(text, now, tz):
    for expression in extract_datetimes(text, now=now, tz=tz):
        assert text[expression.span_start : expression.span_end] == expression.text
        assert 0 <= expression.span_start < expression.span_end <= len(text)


@SETTINGS
@given(NUMBERED_PHRASES, NOWS, ZONES)
@example("in 9999 years", datetime(2026, 3, 1), "UTC")
@example("9999 years before Friday", datetime(2026, 3, 1), "UTC")
@example("the next 99999999999 hours", datetime(2026, 3, 1), "UTC")
@example("in the next 20000 years", datetime(2026, 3, 1), "UTC")
@example("Time zone: (GMT-25:91) Mountain Time - Edmonton", datetime(2026, 3, 1), "UTC")
@example("3pm UTC+25", datetime(2026, 3, 1), "UTC")
def test_numbers_out_of_the_calendar_abstain_instead_of_raising(text, now, tz):
    for expression in extract_datetimes(text, now=now, tz=tz):
        assert text[expression.span_start : expression.span_end] == expression.text
    with contextlib.suppress(DatetimeError):  # a documented error is fine; any other exception is not
        normalize_datetime(text, now=now, tz=tz)


@SETTINGS
@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 1, 1)),
    st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: m - m % 15),
    NOWS,
    ZONES,
)
def test_rfc3339_with_offset_always_passes_unchanged(instant, offset_minutes, now, tz):
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    value = instant.replace(microsecond=0).isoformat() + f"{sign}{hours:02d}:{minutes:02d}"
    result = normalize_datetime(value, now=now, tz=tz)
    assert (result.value, result.changed) == (value, False)


@SETTINGS
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)), ZONES)
def test_naive_iso_is_read_in_the_users_zone(naive, tz):
    zone = ZoneInfo(tz)
    value = naive.replace(microsecond=0).isoformat()
    try:
        result = normalize_datetime(value, now=datetime(2026, 1, 1, tzinfo=zone), tz=tz)
    except DatetimeError:
        # Only DST gaps and folds may refuse a naive value.
        fold0, fold1 = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
        assert fold0.utcoffset() != fold1.utcoffset()
        return
    parsed = datetime.fromisoformat(result.value)
    assert parsed.replace(tzinfo=None) == naive.replace(microsecond=0)
    assert parsed.utcoffset() == naive.replace(tzinfo=zone).utcoffset()
