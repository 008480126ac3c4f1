"""Suite templates as YAML rows: the expansion rules, the calendar vocabulary, and the build's checks."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from jinja2 import TemplateError

from evals.suites.build_calendar_suite import TEMPLATES, build_pairs, build_tasks, settings, week_days
from evals.suites.templating import TemplateFileError, render

SUITE = """\
world: acme
actor: ana@acme.com
now: '2026-03-09T09:00:00-04:00'
timezone: America/New_York
families: [probe]
"""


def _suite(tmp_path: Path, family: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "suite.yaml").write_text(SUITE, encoding="utf-8")
    (tmp_path / "probe.yaml").write_text(textwrap.dedent(family), encoding="utf-8")
    return tmp_path


def test_a_whole_expression_keeps_its_value_and_any_other_string_is_text() -> None:
    values = {"names": ["Priya", "Kenji"], "n": 2, "day": date(2026, 3, 10)}
    assert render("{{ names }}", values) == ["Priya", "Kenji"]
    assert render("{{ n + 1 }}", values) == 3
    assert render("{{ day }}", values) == "2026-03-10"  # task files hold JSON data, not dates
    assert render("Invite {{ names | join(' and ') }}{% if n > 1 %} (both){% endif %}.", values) == (
        "Invite Priya and Kenji (both)."
    )
    assert render("no placeholders: {kept}", values) == "no placeholders: {kept}"


def test_for_and_if_items_expand_and_null_entries_are_left_out() -> None:
    values = {"names": ["Priya", "Kenji"], "nobody": [], "calendar": "primary"}
    steps = [
        {"$if": "calendar != 'primary'", "tool": "calendars_list"},
        {"$for": "i, name in enumerate(names)", "tool": "users_search", "save_as": "p{{ i }}"},
        {"tool": "events_insert", "args": {"attendees": "{{ nobody or none }}", "summary": "x"}},
    ]
    assert render(steps, values) == [
        {"tool": "users_search", "save_as": "p0"},
        {"tool": "users_search", "save_as": "p1"},
        {"tool": "events_insert", "args": {"summary": "x"}},
    ]
    assert render([{"$for": "name in names", "$if": "name != 'Kenji'", "q": "{{ name }}"}], values) == [
        {"q": "Priya"}
    ]


def test_an_undefined_name_is_an_error_not_an_empty_value() -> None:
    with pytest.raises(TemplateError, match="nmes"):
        render("{{ nmes }}", {"names": []})
    with pytest.raises(TemplateError, match="nmes"):
        render("Invite {{ nmes }}.", {"names": []})


def test_rows_fill_the_shape_and_override_let_values_and_pair_fields(tmp_path: Path) -> None:
    folder = _suite(
        tmp_path,
        """\
        family: probe
        templates:
        - let:
            calendar_id: cal(calendar)
            start: at(day, time)
            keyword: summary.split()[0]
          pair:
            explicit: Create '{{ summary }}' on {{ calendar_id }} at {{ start }} ({{ keyword }}).
            natural: Create {{ summary }}.
            explicit_plan: [{tool: events_insert, args: {calendarId: '{{ calendar_id }}'}}]
            natural_plan: [{tool: calendars_list, save_as: cals}]
            final_answer: Done with {{ summary }}.
          rows:
          - {slug: one, calendar: Team, summary: Team retro, day: TUE, time: '14:00'}
          - slug: two
            calendar: primary
            summary: 1:1 Ana / Chris
            keyword: Chris
            day: 2026-03-16
            time: '09:30'
            final_answer: Booked.
          - slug: three
            actor: kenji.sato@acme.com
            calendar: primary
            summary: Handoff
            day: NEXT_FRI
            time: '08:00'
            let: {ana: user("Ana")}
            natural: Handoff with {{ ana }}.
        """,
    )
    one, two, three = build_pairs(folder)
    assert one.explicit == (
        "Create 'Team retro' on c_d25187dc137f35c88bc8@group.calendar.acme.com at "
        "2026-03-10T14:00:00-04:00 (Team)."
    )
    assert one.explicit_plan == [
        {"tool": "events_insert", "args": {"calendarId": "c_d25187dc137f35c88bc8@group.calendar.acme.com"}}
    ]
    assert one.final_answer == "Done with Team retro." and one.actor == "ana@acme.com"
    assert two.explicit == "Create '1:1 Ana / Chris' on ana@acme.com at 2026-03-16T09:30:00-04:00 (Chris)."
    assert two.final_answer == "Booked."
    # the row's actor picks whose world lookups see: Kenji's primary calendar, Ana found from Tokyo
    assert three.actor == "kenji.sato@acme.com"
    assert three.explicit.startswith("Create 'Handoff' on kenji.sato@acme.com at 2026-03-20T08:00:00-04:00")
    assert three.natural == "Handoff with ana@acme.com."
    assert [task["id"] for task in one.tasks()] == ["probe-one-explicit", "probe-one-natural"]


BROKEN_FAMILIES = [
    ("family: probe\ntemplates:\n- rows: [{slug: a}]\n  explict: x\n", "probe.yaml: templates.0.explict"),
    (
        "family: probe\ntemplates:\n- pair: {explicit: x, natural: y, explicit_plan: []}\n"
        "  rows: [{slug: a}]\n",
        "probe.yaml: probe row a: no natural_plan",
    ),
    (
        "family: probe\ntemplates:\n- let: {start: 'at(TUE, time)'}\n  rows: [{slug: a, time: 14:00}]\n",
        "probe.yaml: probe row a: let start: 840 is not a time: write times as quoted 'HH:MM'",
    ),
    (
        "family: probe\ntemplates:\n- let: {id: cal('Nope')}\n  rows: [{slug: a}]\n",
        "probe.yaml: probe row a: let id: ana@acme.com sees no calendar called 'Nope'",
    ),
    (
        "family: probe\ntemplates:\n- pair: {explicit: '{{ summry }}'}\n  rows: [{slug: a, summary: x}]\n",
        "probe.yaml: probe row a: explicit: 'summry' is undefined",
    ),
    (
        "family: probe\ntemplates:\n- rows: [{summary: x}]\n",
        "probe.yaml: probe row 1: every row needs a `slug`",
    ),
]


@pytest.mark.parametrize(("family", "message"), BROKEN_FAMILIES)
def test_a_broken_family_file_is_refused_with_file_row_and_reason(tmp_path: Path, family, message) -> None:
    folder = _suite(tmp_path, family)
    with pytest.raises(TemplateFileError) as error:
        build_pairs(folder)
    assert message in str(error.value)


CREATE = """\
family: probe
templates:
- pair:
    explicit: Create 'Probe' on calendar {{ cal("Team") }}.
    natural: Add a probe to the team calendar.
    explicit_plan:
    - tool: events_insert
      args:
        calendarId: '{{ %(gold)s }}'
        summary: Probe
        start: {dateTime: '{{ at(TUE, "10:00") }}'}
        end: {dateTime: '{{ at(TUE, "11:00") }}'}
    natural_plan:
    - tool: events_insert
      args:
        calendarId: '{{ cal("Team") }}'
        summary: Probe
        start: {dateTime: '{{ at(TUE, "10:00") }}'}
        end: {dateTime: '{{ at(TUE, "11:00") }}'}
    expect:
    - {kind: created, resource: event, match: {calendarId: '{{ cal("Team") }}', summary: Probe}}
    alternative_plan:
    - tool: events_insert
      args:
        calendarId: '{{ %(careless)s }}'
        summary: Probe
        start: {dateTime: '{{ at(TUE, "10:00") }}'}
        end: {dateTime: '{{ at(TUE, "11:00") }}'}
  rows: [{slug: create}]
"""


def test_the_build_refuses_a_gold_plan_that_fails_and_a_careless_plan_that_passes(tmp_path: Path) -> None:
    good = _suite(tmp_path / "good", CREATE % {"gold": 'cal("Team")', "careless": 'cal("Team Social")'})
    assert [task.id for task in build_tasks(good)] == ["probe-create-explicit", "probe-create-natural"]
    wrong_gold = _suite(tmp_path / "gold", CREATE % {"gold": "actor", "careless": 'cal("Team Social")'})
    with pytest.raises(SystemExit, match="probe-create-explicit: gold plan fails"):
        build_tasks(wrong_gold)
    careless_passes = _suite(
        tmp_path / "careless", CREATE % {"gold": 'cal("Team")', "careless": 'cal("Team")'}
    )
    with pytest.raises(SystemExit, match="probe-create-natural: the careless alternative plan passes"):
        build_tasks(careless_passes)


def test_the_shipped_templates_name_every_family_once_and_each_file_is_its_family() -> None:
    suite = settings(TEMPLATES)
    assert len(suite.families) == len(set(suite.families)) == 13
    shipped = sorted(path.stem for path in TEMPLATES.glob("*.yaml") if path.name != "suite.yaml")
    assert shipped == sorted(suite.families)
    assert week_days(suite.now)["TUE"] == date(2026, 3, 10)
    assert week_days(suite.now)["NEXT_FRI"] == date(2026, 3, 20)
