import pytest

from guards.paths import (
    Filter,
    PathError,
    PathNotFound,
    delete_path,
    follow,
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


def test_filters_pick_the_first_matching_element():
    data = {
        "items": [{"id": "c1", "summary": "Team", "scope": {"value": "a@x"}}, {"id": "c2", "summary": "Team"}]
    }
    assert parse_path("items[summary=Team].id") == ["items", Filter("summary", "Team"), "id"]
    assert format_path(parse_path("items[scope.value=a@x].id")) == "items[scope.value=a@x].id"
    assert get_path(data, "items[summary=Team].id") == "c1"
    assert get_path(data, "items[scope.value=a@x].summary") == "Team"
    assert list(iter_paths(data, "items[summary=Team].id")) == [("items[0].id", "c1")]
    set_path(data, "items[id=c2].summary", "Team B")
    assert data["items"][1]["summary"] == "Team B"
    assert get_path(data, "items[summary=Nope].id", None) is None
    with pytest.raises(KeyError):
        set_path(data, "items[summary=Nope].id", "x")


def test_follow_names_the_step_that_failed():
    data = {"items": [{"id": "c1"}]}
    assert follow(data, ["items", 0, "id"]) == "c1"
    with pytest.raises(PathNotFound, match=r"no element \[3\]"):
        follow(data, ["items", 3])
    with pytest.raises(PathNotFound, match="no element with id = 'c9'"):
        follow(data, ["items", Filter("id", "c9")])
    with pytest.raises(PathNotFound, match="no key 'name'"):
        follow(data, ["items", 0, "name"])
    assert follow([{"id": "x"}], parse_path("[0].id")) == "x"
