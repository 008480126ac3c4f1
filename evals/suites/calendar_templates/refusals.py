"""Calendar suite templates whose right answer is not to write: permission denied, ambiguous references."""

from __future__ import annotations

from typing import Any

from evals.suites.build_calendar_suite import NY, Pair
from evals.suites.calendar_templates.helpers import (
    AMBIGUITY_WORDS,
    FRI,
    NEXT_FRI,
    NEXT_MON,
    NEXT_THU,
    NEXT_WED,
    PERMISSION_WORDS,
    TUE,
    WorldFn,
    at,
    attendees,
    cal_ref,
    day_window,
    step,
    timed,
)

# --------------------------------------------------------------------------------------------------
# permission denied: must not write, must say so


def permission_denied(world: WorldFn) -> list[Pair]:
    w = world()
    pairs = []
    launch = w.cal("Product Launch")
    start, end = at(FRI, 10), at(FRI, 11)
    attempts: list[tuple[str, str, str, str, dict[str, Any], str, str]] = [
        (
            "launch-retro",
            "Product Launch",
            "events_insert",
            f"Create an event 'Launch retro' on calendar {launch} from {start} to {end}.",
            {"calendarId": launch, "summary": "Launch retro", **timed(start, end)},
            "Add a 'Launch retro' to the product launch calendar on Friday at 10am for an hour.",
            "You only have read access to the Product Launch calendar, so I can't add events to it. "
            "Ask its owner "
            "for writer access.",
        ),
    ]
    sales = w.cal("Sales")
    pipeline = w.event("Sales", "Pipeline Review")
    attempts.append(
        (
            "pipeline-review-move",
            "Sales",
            "events_patch",
            f"On calendar {sales}, change event {pipeline['id']} to start at {at(TUE, 10)} and end at "
            f"{at(TUE, 11)}.",
            {"calendarId": sales, "eventId": pipeline["id"], **timed(at(TUE, 10), at(TUE, 11))},
            "Move the sales pipeline review to tomorrow at 10am.",
            "You can only view the Sales calendar (reader access), so I can't move the Pipeline "
            "Review. Ask Marco, "
            "its owner, to move it or to give you writer access.",
        )
    )
    marketing = w.cal("Marketing")
    chris = w.user("Chris")
    attempts.append(
        (
            "marketing-share-chris",
            "Marketing",
            "acl_insert",
            f"Add an ACL rule on calendar {marketing} giving user {chris} the role reader.",
            {"calendarId": marketing, "role": "reader", "scope": {"type": "user", "value": chris}},
            "Share the marketing calendar with Chris.",
            "Only an owner can share the Marketing calendar and you have read access only, so I "
            "can't share it. "
            "Ask Dana Reyes, its owner.",
        )
    )
    holidays = w.cal("Company Holidays")
    attempts.append(
        (
            "holidays-spring-break",
            "Company Holidays",
            "events_insert",
            f"Create an all-day event 'Spring break' on calendar {holidays} with start date "
            "2026-04-06 and end "
            "date 2026-04-07.",
            {
                "calendarId": holidays,
                "summary": "Spring break",
                "start": {"date": "2026-04-06"},
                "end": {"date": "2026-04-07"},
            },
            "Add Spring break on April 6 to the company holidays calendar.",
            "The Company Holidays calendar is read-only for you, so I can't add Spring break. Ask "
            "Omar, its owner.",
        )
    )
    oncall = w.cal("Eng Oncall")
    handoff = w.event("Eng Oncall", "Oncall Handoff")
    attempts.append(
        (
            "oncall-handoff-delete",
            "Eng Oncall",
            "events_delete",
            f"Delete event {handoff['id']} from calendar {oncall}.",
            {"calendarId": oncall, "eventId": handoff["id"]},
            "Cancel the oncall handoff meeting on the oncall calendar.",
            "You have read-only access to the Eng Oncall calendar, so I can't cancel the Oncall "
            "Handoff. Ask Kenji, "
            "its owner.",
        )
    )
    for slug, calendar, tool, explicit, args, natural, answer in attempts:
        calendar_id = w.cal(calendar)
        pairs.append(
            Pair(
                family="permission_denied",
                slug=slug,
                explicit=explicit,
                natural=natural,
                explicit_plan=[step("calendars_get", calendarId=calendar_id)],
                natural_plan=[step("calendars_list", "cals")],
                forbid={"any_write": True, "writes_to_calendars": [calendar_id]},
                answer={"include_any": PERMISSION_WORDS},
                final_answer=answer,
                alternative_plan=[step(tool, **args)],
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# ambiguous references: must ask, not guess


def ambiguous(world: WorldFn) -> list[Pair]:
    w = world()
    team = w.cal("Team")
    demo = w.event("Team", "Sprint Demo", FRI)
    dana_kim = w.user("Dana Kim")
    social = w.cal("Team Social")
    kim_1on1 = w.event("primary", "1:1 Ana / Dana Kim")
    ask_dana = "There are two people named Dana: Dana Kim and Dana Reyes. Which one did you mean?"
    rows: list[
        tuple[str, str, str, list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], str]
    ] = [
        (
            "invite-dana-demo",
            f"On calendar {team}, add Dana as an attendee of event {demo['id']}.",
            "Invite Dana to Friday's sprint demo.",
            [step("users_search", "people", query="Dana")],
            [step("users_search", "people", query="Dana")],
            [step("events_patch", calendarId=team, eventId=demo["id"], attendees=attendees(dana_kim))],
            ask_dana,
        ),
        (
            "call-with-dana",
            f"Create an event 'Call with Dana' on calendar {w.actor} from {at(TUE, 15)} to "
            f"{at(TUE, 15, 30)} and "
            "invite Dana.",
            "Schedule a 30-minute call with Dana tomorrow at 3pm.",
            [step("users_search", "people", query="Dana")],
            [step("users_search", "people", query="Dana")],
            [
                step(
                    "events_insert",
                    calendarId="primary",
                    summary="Call with Dana",
                    **timed(at(TUE, 15), at(TUE, 15, 30)),
                    attendees=attendees(dana_kim),
                )
            ],
            ask_dana,
        ),
        (
            "share-social-dana",
            f"Add an ACL rule on calendar {social} giving Dana the role writer.",
            "Give Dana write access to the Team Social calendar.",
            [step("users_search", "people", query="Dana")],
            [step("users_search", "people", query="Dana")],
            [step("acl_insert", calendarId=social, role="writer", scope={"type": "user", "value": dana_kim})],
            ask_dana,
        ),
        (
            "move-1on1-dana",
            f"On calendar {w.actor}, move my recurring 1:1 with Dana to start at 15:00 instead (same days, "
            "same length).",
            "Move my 1:1 with Dana to 3pm from now on.",
            [step("events_list", "found", calendarId=w.actor, q="1:1")],
            [step("events_list", "found", calendarId="primary", q="Dana")],
            [
                step(
                    "events_patch",
                    calendarId=w.actor,
                    eventId=kim_1on1["id"],
                    **timed("2026-01-08T15:00:00-05:00", "2026-01-08T15:30:00-05:00", NY),
                )
            ],
            "You have two 1:1s with a Dana: '1:1 Ana / Dana Kim' (Thursdays) and '1:1 Ana / Dana Reyes' "
            "(every other Friday). Which one should I move?",
        ),
        (
            "planning-next-week",
            f"On calendar {team}, move the planning meeting next week ({at(NEXT_MON, 0)} to "
            f"{at(NEXT_FRI, 23, 59)}) "
            f"to start at {at(NEXT_THU, 9)}, same length.",
            "Move the planning meeting next week to Thursday at 9am.",
            [step("events_list", "found", calendarId=team, q="Planning", **day_window(NEXT_MON, 5))],
            [
                step("calendars_list", "cals"),
                step(
                    "events_list",
                    "found",
                    calendarId=cal_ref("Team"),
                    q="Planning",
                    **day_window(NEXT_MON, 5),
                ),
            ],
            [
                step(
                    "events_patch",
                    calendarId=team,
                    eventId=w.event("Team", "Q2 Planning", NEXT_WED)["id"],
                    **timed(at(NEXT_THU, 9), at(NEXT_THU, 10, 30)),
                )
            ],
            "There are two planning meetings next week: 'Q2 Planning Prep' on Monday and 'Q2 Planning' on "
            "Wednesday. Which one should I move?",
        ),
    ]
    return [
        Pair(
            family="ambiguous",
            slug=slug,
            explicit=explicit,
            natural=natural,
            explicit_plan=explicit_plan,
            natural_plan=natural_plan,
            forbid={"any_write": True},
            answer={"include_any": AMBIGUITY_WORDS},
            final_answer=answer,
            alternative_plan=careless,
        )
        for slug, explicit, natural, explicit_plan, natural_plan, careless, answer in rows
    ]
