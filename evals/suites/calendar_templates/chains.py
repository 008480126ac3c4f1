"""Calendar suite templates: delete by description, move between calendars, multi-step chains."""

from __future__ import annotations

from datetime import date

from evals.suites.build_calendar_suite import Pair
from evals.suites.calendar_templates.helpers import (
    FRI,
    NEXT_MON,
    NEXT_THU,
    NEXT_TUE,
    THU,
    TUE,
    WorldFn,
    at,
    attendees,
    cal_ref,
    changed_event,
    created_acl,
    created_event,
    day_window,
    deleted_event,
    emails,
    event_ref,
    person_ref,
    step,
    timed,
    times_match,
)

# --------------------------------------------------------------------------------------------------
# delete by description


def delete_by_description(world: WorldFn) -> list[Pair]:
    w = world()
    rows = [
        ("sprint-demo", "Team", "Sprint Demo", FRI, "Cancel the sprint demo this Friday."),
        (
            "book-flights",
            "Team Offsite",
            "Book flights to Lisbon",
            TUE,
            "Delete the 'book flights' reminder from the offsite calendar.",
        ),
        ("hiring-debrief", "Hiring", "Hiring debrief", FRI, "Remove Friday's hiring debrief."),
        (
            "offsite-agenda",
            "Team Offsite",
            "Offsite agenda planning",
            THU,
            "Delete the offsite agenda planning meeting on Thursday.",
        ),
        (
            "customer-call-thursday",
            "primary",
            "Customer call",
            THU,
            "Cancel my customer call on Thursday morning.",
        ),
    ]
    pairs = []
    for slug, calendar, summary, day, words in rows:
        calendar_id = w.cal(calendar)
        event = w.event(calendar, summary, day)
        cal_lookup = [] if calendar == "primary" else [step("calendars_list", "cals")]
        natural_cal = "primary" if calendar == "primary" else cal_ref(calendar)
        pairs.append(
            Pair(
                family="delete_by_description",
                slug=slug,
                explicit=f"Delete event {event['id']} from calendar {calendar_id}.",
                natural=words,
                explicit_plan=[step("events_delete", calendarId=calendar_id, eventId=event["id"])],
                natural_plan=[
                    *cal_lookup,
                    step(
                        "events_list",
                        "found",
                        calendarId=natural_cal,
                        q=summary.split()[0] if slug == "book-flights" else summary,
                        **day_window(day),
                    ),
                    step("events_delete", calendarId=natural_cal, eventId=event_ref(summary)),
                ],
                expect=[deleted_event(event["id"])],
                final_answer=f"Deleted '{summary}'.",
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# move between calendars


def move_between_calendars(world: WorldFn) -> list[Pair]:
    w = world()
    rows = [
        (
            "demo-to-engineering",
            "Team",
            "Sprint Demo",
            FRI,
            "Engineering",
            "Move Friday's sprint demo from the team calendar to the Engineering calendar.",
        ),
        (
            "deep-dive-to-engineering",
            "Team",
            "Architecture deep dive",
            NEXT_THU,
            "Engineering",
            "The architecture deep dive belongs on the Engineering calendar; move it there.",
        ),
        (
            "vendor-demo-to-team",
            "primary",
            "Vendor demo",
            date(2026, 3, 24),
            "Team",
            "Move my vendor demo on the 24th onto the team calendar.",
        ),
        (
            "planning-prep-to-mine",
            "Team",
            "Q2 Planning Prep",
            NEXT_MON,
            "primary",
            "Move the Q2 planning prep off the team calendar and onto my own calendar.",
        ),
        (
            "agenda-to-leadership",
            "Team Offsite",
            "Offsite agenda planning",
            THU,
            "Leadership",
            "Move the offsite agenda planning meeting to the leadership calendar.",
        ),
    ]
    pairs = []
    for slug, source, summary, day, destination, words in rows:
        source_id, destination_id = w.cal(source), w.cal(destination)
        event = w.event(source, summary, day)
        lookup = [step("calendars_list", "cals")]
        natural_source = "primary" if source == "primary" else cal_ref(source)
        natural_destination = w.actor if destination == "primary" else cal_ref(destination)
        pairs.append(
            Pair(
                family="move_between_calendars",
                slug=slug,
                explicit=f"Move event {event['id']} from calendar {source_id} to calendar {destination_id}.",
                natural=words,
                explicit_plan=[
                    step("events_move", calendarId=source_id, eventId=event["id"], destination=destination_id)
                ],
                natural_plan=[
                    *lookup,
                    step("events_list", "found", calendarId=natural_source, q=summary, **day_window(day)),
                    step(
                        "events_move",
                        calendarId=natural_source,
                        eventId=event_ref(summary),
                        destination=natural_destination,
                    ),
                ],
                expect=[changed_event(event["id"], calendarId=destination_id, summary=summary)],
                final_answer=f"Moved '{summary}' to the {destination} calendar.",
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# multi-step chains of 4+ dependent calls


def multi_step(world: WorldFn) -> list[Pair]:
    w = world()
    pairs = []
    lena = w.user("Lena")
    kickoff_start, kickoff_end = at(FRI, 12), at(FRI, 13)
    book_club_expect = [
        {"kind": "created", "resource": "calendar", "match": {"summary": "Book Club"}},
        created_acl("owner", scope_value=w.actor),
        created_acl("reader", scope_value=lena),
        {
            "kind": "created",
            "resource": "event",
            "match": {"summary": {"$contains": "Kickoff"}},
            "fields": times_match(kickoff_start, kickoff_end),
        },
    ]
    pairs.append(
        Pair(
            family="multi_step",
            slug="book-club-calendar",
            explicit=f"Create a calendar 'Book Club'; then add an ACL rule on it giving user {lena} "
            "the role reader; "
            f"then create an event 'Kickoff' on it from {kickoff_start} to {kickoff_end}.",
            natural="Make me a new 'Book Club' calendar, share it with Lena so she can see it, and "
            "put a 'Kickoff' "
            "on it this Friday from noon to 1pm.",
            explicit_plan=[
                step("calendars_insert", "club", summary="Book Club"),
                step(
                    "acl_insert", calendarId="$club.id", role="reader", scope={"type": "user", "value": lena}
                ),
                step(
                    "events_insert",
                    "new",
                    calendarId="$club.id",
                    summary="Kickoff",
                    **timed(kickoff_start, kickoff_end),
                ),
                step("events_list", calendarId="$club.id"),
            ],
            natural_plan=[
                step("calendars_insert", "club", summary="Book Club"),
                step("users_search", "person", query="Lena"),
                step(
                    "acl_insert",
                    calendarId="$club.id",
                    role="reader",
                    scope={"type": "user", "value": person_ref("person", "Lena Fischer")},
                ),
                step(
                    "events_insert",
                    "new",
                    calendarId="$club.id",
                    summary="Kickoff",
                    **timed(kickoff_start, kickoff_end),
                ),
            ],
            expect=book_club_expect,
            final_answer="Created the Book Club calendar, shared it with Lena and added the Kickoff.",
        )
    )
    sam = w.user("Sam")
    screen = (at(TUE, 14), at(TUE, 15))
    onsite = (at(THU, 10), at(THU, 12))
    pairs.append(
        Pair(
            family="multi_step",
            slug="interview-loop",
            explicit=f"Create a calendar 'Interview Loop - Jordan'; give user {sam} the role writer "
            "on it; create "
            f"'Tech screen' on it from {screen[0]} to {screen[1]} and 'Onsite' from {onsite[0]} to "
            f"{onsite[1]}.",
            natural="Set up a new calendar called 'Interview Loop - Jordan', let Sam edit it, and "
            "add a 'Tech screen' "
            "tomorrow 2-3pm and an 'Onsite' on Thursday from 10am to noon.",
            explicit_plan=[
                step("calendars_insert", "loop", summary="Interview Loop - Jordan"),
                step(
                    "acl_insert", calendarId="$loop.id", role="writer", scope={"type": "user", "value": sam}
                ),
                step("events_insert", calendarId="$loop.id", summary="Tech screen", **timed(*screen)),
                step("events_insert", calendarId="$loop.id", summary="Onsite", **timed(*onsite)),
            ],
            natural_plan=[
                step("calendars_insert", "loop", summary="Interview Loop - Jordan"),
                step("users_search", "person", query="Sam"),
                step(
                    "acl_insert",
                    calendarId="$loop.id",
                    role="writer",
                    scope={"type": "user", "value": person_ref("person", "Sam O'Connor")},
                ),
                step("events_insert", calendarId="$loop.id", summary="Tech screen", **timed(*screen)),
                step("events_insert", calendarId="$loop.id", summary="Onsite", **timed(*onsite)),
            ],
            expect=[
                {
                    "kind": "created",
                    "resource": "calendar",
                    "match": {"summary": {"$contains": "Interview Loop"}},
                },
                created_acl("owner", scope_value=w.actor),
                created_acl("writer", scope_value=sam),
                {
                    "kind": "created",
                    "resource": "event",
                    "match": {"summary": {"$contains": "screen"}},
                    "fields": times_match(*screen),
                },
                {
                    "kind": "created",
                    "resource": "event",
                    "match": {"summary": {"$contains": "Onsite"}},
                    "fields": times_match(*onsite),
                },
            ],
            final_answer="Created the interview loop calendar, gave Sam edit access and added both "
            "interviews.",
        )
    )
    team = w.cal("Team")
    prep = w.event("Team", "Q2 Planning Prep", NEXT_MON)
    demo = w.event("Team", "Sprint Demo", FRI)
    chris = w.user("Chris")
    prep_people = [a["email"] for a in prep.get("attendees", [])] + [chris]
    new_prep = (at(NEXT_TUE, 15), at(NEXT_TUE, 16))
    pairs.append(
        Pair(
            family="multi_step",
            slug="prep-and-cancel-demo",
            explicit=f"On calendar {team}: change event {prep['id']} to {new_prep[0]}-{new_prep[1]} "
            "and add attendee "
            f"{chris} (keep {', '.join(prep_people[:-1])}); then delete event {demo['id']}.",
            natural="Move the Q2 planning prep to next Tuesday at 3pm, add Chris to it, and cancel "
            "this Friday's "
            "sprint demo.",
            explicit_plan=[
                step("events_get", "prep", calendarId=team, eventId=prep["id"]),
                step(
                    "events_patch",
                    calendarId=team,
                    eventId="$prep.id",
                    **timed(*new_prep),
                    attendees=attendees(*prep_people),
                ),
                step("events_get", "demo", calendarId=team, eventId=demo["id"]),
                step("events_delete", calendarId=team, eventId="$demo.id"),
            ],
            natural_plan=[
                step("calendars_list", "cals"),
                step(
                    "events_list",
                    "preps",
                    calendarId=cal_ref("Team"),
                    q="Q2 Planning Prep",
                    **day_window(NEXT_MON),
                ),
                step("users_search", "person", query="Chris"),
                step(
                    "events_patch",
                    calendarId=cal_ref("Team"),
                    eventId=event_ref("Q2 Planning Prep", "preps"),
                    **timed(*new_prep),
                    attendees=[{"email": e} for e in prep_people[:-1]]
                    + [{"email": person_ref("person", "Chris Lee")}],
                ),
                step("events_list", "demos", calendarId=cal_ref("Team"), q="Sprint Demo", **day_window(FRI)),
                step("events_delete", calendarId=cal_ref("Team"), eventId=event_ref("Sprint Demo", "demos")),
            ],
            expect=[
                changed_event(prep["id"], **times_match(*new_prep), attendees=emails(*prep_people)),
                deleted_event(demo["id"]),
            ],
            final_answer="Moved the Q2 Planning Prep, invited Chris and cancelled the Sprint Demo.",
        )
    )
    offsite = w.cal("Team Offsite")
    priya, kenji = w.user("Priya"), w.user("Kenji")
    flights = w.event("Team Offsite", "Book flights to Lisbon", TUE)
    pairs.append(
        Pair(
            family="multi_step",
            slug="offsite-checkin",
            explicit=f"On calendar {offsite}: create an all-day event 'Flight check-in' with start "
            "date 2026-03-23 and "
            f"end date 2026-03-24 and attendees {priya} and {kenji}; then delete event {flights['id']}.",
            natural="On the offsite calendar, add an all-day 'Flight check-in' on March 23 with "
            "Priya and Kenji "
            "invited, and delete the 'book flights' reminder.",
            explicit_plan=[
                step("calendars_get", calendarId=offsite),
                step(
                    "events_insert",
                    "new",
                    calendarId=offsite,
                    summary="Flight check-in",
                    start={"date": "2026-03-23"},
                    end={"date": "2026-03-24"},
                    attendees=attendees(priya, kenji),
                ),
                step("events_get", "flights", calendarId=offsite, eventId=flights["id"]),
                step("events_delete", calendarId=offsite, eventId="$flights.id"),
            ],
            natural_plan=[
                step("calendars_list", "cals"),
                step("users_search", "p0", query="Priya"),
                step("users_search", "p1", query="Kenji"),
                step(
                    "events_insert",
                    "new",
                    calendarId=cal_ref("Team Offsite"),
                    summary="Flight check-in",
                    start={"date": "2026-03-23"},
                    end={"date": "2026-03-24"},
                    attendees=[
                        {"email": person_ref("p0", "Priya Patel")},
                        {"email": person_ref("p1", "Kenji Sato")},
                    ],
                ),
                step("events_list", "found", calendarId=cal_ref("Team Offsite"), q="flights"),
                step(
                    "events_delete",
                    calendarId=cal_ref("Team Offsite"),
                    eventId=event_ref("Book flights to Lisbon"),
                ),
            ],
            expect=[
                created_event(
                    offsite,
                    "check-in",
                    **{"start.date": "2026-03-23", "end.date": "2026-03-24"},
                    attendees=emails(priya, kenji),
                ),
                deleted_event(flights["id"]),
            ],
            final_answer="Added the all-day Flight check-in on March 23 with Priya and Kenji and deleted the "
            "'Book flights to Lisbon' reminder.",
        )
    )
    engineering = w.cal("Engineering")
    alex = w.user("Alex")
    demo_start, demo_end = demo["start"]["dateTime"], demo["end"]["dateTime"]
    pairs.append(
        Pair(
            family="multi_step",
            slug="copy-demo-to-engineering",
            explicit=f"Read event {demo['id']} on calendar {team}; create a copy of it (same summary, "
            "start and "
            f"end) on calendar {engineering} with attendee {alex}; then delete the original.",
            natural="Copy Friday's sprint demo to the Engineering calendar with Alex invited, then "
            "remove it from the "
            "team calendar.",
            explicit_plan=[
                step("events_get", "demo", calendarId=team, eventId=demo["id"]),
                step(
                    "events_insert",
                    "copy",
                    calendarId=engineering,
                    summary="$demo.summary",
                    start="$demo.start",
                    end="$demo.end",
                    attendees=attendees(alex),
                ),
                step("events_delete", calendarId=team, eventId="$demo.id"),
                step("events_get", calendarId=engineering, eventId="$copy.id"),
            ],
            natural_plan=[
                step("calendars_list", "cals"),
                step("events_list", "demos", calendarId=cal_ref("Team"), q="Sprint Demo", **day_window(FRI)),
                step("users_search", "person", query="Alex"),
                step(
                    "events_insert",
                    "copy",
                    calendarId=cal_ref("Engineering"),
                    summary="Sprint Demo",
                    start={"dateTime": demo_start},
                    end={"dateTime": demo_end},
                    attendees=[{"email": person_ref("person", "Alex Morgan")}],
                ),
                step("events_delete", calendarId=cal_ref("Team"), eventId=event_ref("Sprint Demo", "demos")),
            ],
            expect=[
                created_event(
                    engineering, "Demo", **times_match(demo_start, demo_end), attendees=emails(alex)
                ),
                deleted_event(demo["id"]),
            ],
            final_answer="Copied the Sprint Demo to Engineering with Alex and removed the original.",
        )
    )
    return pairs
