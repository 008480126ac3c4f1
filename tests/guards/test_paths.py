import pytest

from guards.paths import (
    PathError,
    delete_path,
    format_path,
    get_path,
    has_path,
    iter_paths,
    matches,
    parse_path,
    pattern_of,
    set_path,
)


def sample() -> dict:
    return {
        "start": {"dateTime": "2026-03-10T15:00:00", "timeZone": "Europe/Berlin"},
        "attendees": [{"email": "a@x.com"}, {"displayName": "B"}, {"email": "c@x.com"}],
        "items": [{"id": "x"}],
    }


def test_parse_and_format_roundtrip():
    assert parse_path("a.b[].c") == ["a", "b", None, "c"]
    assert parse_path("a[2].c") == ["a", 2, "c"]
    assert parse_path("a[0][1]") == ["a", 0, 1]
    for path in ["a.b[].c", "a[2].c", "timeMin", "x[0][1].y"]:
        assert format_path(parse_path(path)) == path


@pytest.mark.parametrize("bad", ["", "a..b", "a.[0]", "a[x]", "a]b", "a[0]b"])
def test_parse_rejects_malformed(bad):
    with pytest.raises(PathError):
        parse_path(bad)


def test_iter_paths_wildcard_skips_missing_elements():
    found = list(iter_paths(sample(), "attendees[].email"))
    assert found == [("attendees[0].email", "a@x.com"), ("attendees[2].email", "c@x.com")]


def test_iter_paths_nested_and_absent():
    data = sample()
    assert list(iter_paths(data, "start.dateTime")) == [("start.dateTime", "2026-03-10T15:00:00")]
    assert list(iter_paths(data, "end.dateTime")) == []
    assert list(iter_paths({"start": "2026-03-10"}, "start.dateTime")) == []
    assert list(iter_paths({"attendees": "ana"}, "attendees[].email")) == []


def test_get_set_delete():
    data = sample()
    assert get_path(data, "attendees[2].email") == "c@x.com"
    assert get_path(data, "attendees[1].email", None) is None
    with pytest.raises(KeyError):
        get_path(data, "end.dateTime")
    set_path(data, "attendees[2].email", "d@x.com")
    assert data["attendees"][2]["email"] == "d@x.com"
    set_path(data, "end.dateTime", "2026-03-10T16:00:00Z", create=True)
    assert data["end"] == {"dateTime": "2026-03-10T16:00:00Z"}
    assert delete_path(data, "start.timeZone") == "Europe/Berlin"
    assert "timeZone" not in data["start"]
    assert has_path(data, "items[].id") and not has_path(data, "items[].name")


def test_set_path_errors():
    data = sample()
    with pytest.raises(KeyError):
        set_path(data, "end.dateTime", "x")
    with pytest.raises(PathError):
        set_path(data, "attendees[].email", "x")
    with pytest.raises(PathError):
        set_path(data, "attendees[9]", "x")
    with pytest.raises(KeyError):
        delete_path(data, "nope")


def test_matches_and_pattern_of():
    assert matches("attendees[].email", "attendees[3].email")
    assert not matches("attendees[].email", "attendees[3].displayName")
    assert not matches("start.dateTime", "start")
    assert pattern_of("attendees[3].email") == "attendees[].email"
