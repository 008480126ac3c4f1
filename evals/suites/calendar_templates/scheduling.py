"""Calendar suite templates: free slots across people, recurring and all-day events, time zones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from evals.suites.build_calendar_suite import ACTOR, NY, Pair
from evals.suites.calendar_templates.helpers import (
    FRI,
    NEXT_MON,
    THU,
    TUE,
    WED,
    WorldFn,
    at,
    attendees,
    cal_ref,
    changed_event,
    created_event,
    day_window,
    emails,
    event_ref,
    person_ref,
    plus,
    step,
    timed,
    times_match,
)

# --------------------------------------------------------------------------------------------------
# free slot: free/busy across people, then book


def find_free_slot(world: WorldFn) -> list[Pair]:
    w = world()
    rows = [
        (
            "omar-thursday-morning",
            ["Omar"],
            THU,
            (9, 0),
            (12, 0),
            45,
            "Budget check-in",
            "Find the first 45-minute slot on Thursday morning between 9 and noon when Omar and I "
            "are both free, "
            "and book a 'Budget check-in' with him there.",
        ),
        (
            "alex-priya-wednesday",
            ["Alex", "Priya"],
            WED,
            (5, 0),
            (11, 0),
            60,
            "Roadmap sync",
            "Find the earliest hour on Wednesday between 5 and 11am when Alex, Priya and I are all "
            "free and put "
            "a 'Roadmap sync' with them on my calendar.",
        ),
        (
            "lena-thursday-early",
            ["Lena"],
            THU,
            (4, 0),
            (7, 0),
            60,
            "Design handoff",
            "Book an hour with Lena on Thursday between 4 and 7am, at the first time we're both "
            "free; call it "
            "'Design handoff'.",
        ),
        (
            "marco-friday",
            ["Marco", "Omar"],
            FRI,
            (8, 0),
            (12, 0),
            60,
            "Deal review",
            "When are Marco, Omar and I all free on Friday morning between 8 and 12? Book the first "
            "free hour as "
            "'Deal review' with both of them.",
        ),
        (
            "kenji-wednesday-evening",
            ["Kenji"],
            WED,
            (21, 0),
            (23, 59),
            60,
            "Oncall sync",
            "Find the first free hour for Kenji and me on Wednesday evening between 9pm and midnight "
            "and book an "
            "'Oncall sync' with him.",
        ),
    ]
    pairs = []
    for slug, names, day, (h0, m0), (h1, m1), minutes, summary, words in rows:
        people = [w.user(n) for n in names]
        everyone = [w.actor, *people]
        slot = w.free_slot(
            everyone,
            day,
            datetime.min.time().replace(hour=h0, minute=m0),
            datetime.min.time().replace(hour=h1, minute=m1),
            minutes,
        )
        start = slot.isoformat()
        end = plus(start, minutes)
        window = {"timeMin": at(day, h0, m0), "timeMax": at(day, h1, m1)}
        lookups = [step("users_search", f"p{i}", query=n) for i, n in enumerate(names)]
        pairs.append(
            Pair(
                family="find_free_slot",
                slug=slug,
                explicit=f"Query free/busy for {', '.join(everyone)} from {window['timeMin']} to "
                f"{window['timeMax']}; "
                f"in the first free {minutes}-minute slot starting on the hour or half hour, create "
                f"'{summary}' on "
                f"calendar {w.actor} with attendees {', '.join(people)}.",
                natural=words + " Start on the hour or half hour.",
                explicit_plan=[
                    step("freebusy_query", "busy", items=[{"id": e} for e in everyone], **window),
                    step(
                        "events_insert",
                        "new",
                        calendarId=w.actor,
                        summary=summary,
                        **timed(start, end),
                        attendees=attendees(*people),
                    ),
                ],
                natural_plan=[
                    *lookups,
                    step(
                        "freebusy_query",
                        "busy",
                        items=[{"id": w.actor}]
                        + [
                            {"id": person_ref(f"p{i}", w.person(n)["displayName"])}
                            for i, n in enumerate(names)
                        ],
                        **window,
                    ),
                    step(
                        "events_insert",
                        "new",
                        calendarId="primary",
                        summary=summary,
                        **timed(start, end),
                        attendees=[
                            {"email": person_ref(f"p{i}", w.person(n)["displayName"])}
                            for i, n in enumerate(names)
                        ],
                    ),
                ],
                expect=[
                    created_event(
                        w.actor, summary.split()[0], **times_match(start, end), attendees=emails(*people)
                    )
                ],
                final_answer=f"Booked '{summary}' at {start}.",
                tags=["freebusy"],
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# recurring events


def recurring(world: WorldFn) -> list[Pair]:
    w = world()
    rows = [
        (
            "chris-weekly-1on1",
            "primary",
            "1:1 Ana / Chris",
            WED,
            (11, 0),
            30,
            ["RRULE:FREQ=WEEKLY;BYDAY=WE"],
            ["Chris"],
            "Set up a weekly 30-minute 1:1 with Chris on Wednesdays at 11am, starting this Wednesday.",
        ),
        (
            "design-office-hours",
            "Design Reviews",
            "Design office hours",
            THU,
            (14, 0),
            60,
            ["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=6"],
            [],
            "Add 'Design office hours' to the design reviews calendar every other Thursday at 2pm "
            "for an hour, "
            "starting this Thursday, six sessions in total.",
        ),
        (
            "morning-focus",
            "primary",
            "Focus time",
            TUE,
            (8, 0),
            60,
            ["RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10"],
            [],
            "Block 'Focus time' from 8 to 9am every weekday for the next ten working days, starting "
            "tomorrow.",
        ),
        (
            "team-retro-monthly",
            "Team",
            "Team retro",
            date(2026, 4, 3),
            (15, 0),
            60,
            ["RRULE:FREQ=MONTHLY;BYDAY=1FR"],
            [],
            "Put a monthly 'Team retro' on the team calendar on the first Friday of every month at "
            "3pm, starting "
            "in April, one hour.",
        ),
        (
            "oncall-review-weekly",
            "Engineering",
            "Oncall review",
            NEXT_MON,
            (10, 0),
            45,
            ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=8"],
            ["Kenji"],
            "Schedule an 'Oncall review' with Kenji on the Engineering calendar every Monday at 10am for 45 "
            "minutes, eight times, starting next Monday.",
        ),
    ]
    pairs = []
    for slug, calendar, summary, day, (hour, minute), minutes, rules, names, words in rows:
        calendar_id = w.cal(calendar)
        start = at(day, hour, minute)
        end = plus(start, minutes)
        people = [w.user(n) for n in names]
        lookups = [step("users_search", f"p{i}", query=n) for i, n in enumerate(names)]
        extra: dict[str, Any] = {"attendees": attendees(*people)} if people else {}
        natural_extra: dict[str, Any] = (
            {
                "attendees": [
                    {"email": person_ref(f"p{i}", w.person(n)["displayName"])} for i, n in enumerate(names)
                ]
            }
            if names
            else {}
        )
        fields: dict[str, Any] = {**times_match(start, end), "recurrence": {"$rrule": rules}}
        if people:
            fields["attendees"] = emails(*people)
        cal_lookup = [] if calendar == "primary" else [step("calendars_list", "cals")]
        natural_cal = "primary" if calendar == "primary" else cal_ref(calendar)
        pairs.append(
            Pair(
                family="recurring",
                slug=slug,
                explicit=f"Create a recurring event '{summary}' on calendar {calendar_id}: first occurrence "
                f"{start} to {end} (time zone {NY}), recurrence {rules[0]}"
                + (f", attendees {', '.join(people)}" if people else "")
                + ".",
                natural=words,
                explicit_plan=[
                    step(
                        "events_insert",
                        "new",
                        calendarId=calendar_id,
                        summary=summary,
                        **timed(start, end, NY),
                        recurrence=rules,
                        **extra,
                    )
                ],
                natural_plan=[
                    *cal_lookup,
                    *lookups,
                    step(
                        "events_insert",
                        "new",
                        calendarId=natural_cal,
                        summary=summary,
                        **timed(start, end, NY),
                        recurrence=rules,
                        **natural_extra,
                    ),
                ],
                expect=[
                    created_event(calendar_id, summary.split()[0] if summary[0] != "1" else "Chris", **fields)
                ],
                final_answer=f"Created the recurring '{summary}'.",
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# all-day events


def all_day(world: WorldFn) -> list[Pair]:
    w = world()
    rows = [
        (
            "friday-ooo",
            "primary",
            "Out of office",
            FRI,
            1,
            "Mark this Friday as out of office on my calendar, all day.",
        ),
        (
            "offsite-travel",
            "Team Offsite",
            "Travel to Lisbon",
            date(2026, 3, 23),
            1,
            "Add an all-day 'Travel to Lisbon' on the offsite calendar on March 23.",
        ),
        (
            "conference",
            "primary",
            "Conference",
            NEXT_MON,
            3,
            "Block next Monday through Wednesday on my calendar as 'Conference' (all-day).",
        ),
        (
            "release-freeze",
            "Engineering",
            "Release freeze",
            date(2026, 3, 30),
            2,
            "Add a 'Release freeze' to the Engineering calendar covering March 30 and 31, all day.",
        ),
        (
            "priya-birthday",
            "Team Social",
            "Priya's birthday",
            date(2026, 3, 20),
            1,
            "Put Priya's birthday on the Team Social calendar: March 20, all day.",
        ),
    ]
    pairs = []
    for slug, calendar, summary, first, days, words in rows:
        calendar_id = w.cal(calendar)
        start = {"date": first.isoformat()}
        end = {"date": (first + timedelta(days=days)).isoformat()}
        cal_lookup = [] if calendar == "primary" else [step("calendars_list", "cals")]
        natural_cal = "primary" if calendar == "primary" else cal_ref(calendar)
        pairs.append(
            Pair(
                family="all_day",
                slug=slug,
                explicit=f"Create an all-day event '{summary}' on calendar {calendar_id} with start date "
                f"{start['date']} and end date {end['date']} (exclusive).",
                natural=words,
                explicit_plan=[
                    step(
                        "events_insert", "new", calendarId=calendar_id, summary=summary, start=start, end=end
                    )
                ],
                natural_plan=[
                    *cal_lookup,
                    step(
                        "events_insert", "new", calendarId=natural_cal, summary=summary, start=start, end=end
                    ),
                ],
                expect=[
                    created_event(
                        calendar_id,
                        summary.split()[0].rstrip("'s"),
                        **{
                            "start.date": start["date"],
                            "end.date": end["date"],
                            "start.dateTime": {"$exists": False},
                        },
                    )
                ],
                final_answer=f"Added the all-day '{summary}'.",
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# time zones


def timezone_heavy(world: WorldFn) -> list[Pair]:
    w = world()
    tokyo, london, berlin, la = "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/Los_Angeles"
    pairs = []
    creates = [
        (
            "kenji-tokyo-morning",
            ACTOR,
            "Kenji",
            "Call with Kenji",
            at(WED, 9, 0, tokyo),
            30,
            "Schedule a 30-minute 'Call with Kenji' on my calendar at 9am Tokyo time on Wednesday "
            "(his Wednesday) "
            "and invite him.",
        ),
        (
            "priya-london-afternoon",
            ACTOR,
            "Priya",
            "London sync",
            at(THU, 16, 0, london),
            30,
            "Book a half-hour 'London sync' with Priya at 4pm London time this Thursday on my calendar.",
        ),
        (
            "marco-berlin-evening",
            ACTOR,
            "Marco",
            "Partner call",
            at(FRI, 17, 0, berlin),
            45,
            "Set up a 45-minute 'Partner call' with Marco at 5pm Berlin time on Friday, on my calendar.",
        ),
        (
            "kenji-new-york-morning",
            "kenji.sato@acme.com",
            "Ana",
            "Handoff prep",
            at(TUE, 8, 0, NY),
            30,
            "Add 'Handoff prep' with Ana to my calendar at 8am New York time on Tuesday, March 10, "
            "for 30 minutes.",
        ),
        (
            "priya-new-york-afternoon",
            "priya.patel@acme.com",
            "Ana",
            "Sync with NY",
            at(NEXT_MON, 15, 0, NY),
            60,
            "Schedule a one-hour 'Sync with NY' with Ana next Monday at 3pm New York time on my calendar.",
        ),
    ]
    for slug, actor, name, summary, start, minutes, words in creates:
        actor_world = world(actor)
        person = actor_world.user(name)
        end = plus(start, minutes)
        pairs.append(
            Pair(
                family="timezone",
                slug=slug,
                explicit=f"Create '{summary}' on calendar {actor} from {start} to {end} with attendee "
                f"{person}.",
                natural=words,
                explicit_plan=[
                    step(
                        "events_insert",
                        "new",
                        calendarId=actor,
                        summary=summary,
                        **timed(start, end),
                        attendees=attendees(person),
                    )
                ],
                natural_plan=[
                    step("users_search", "person", query=name),
                    step(
                        "events_insert",
                        "new",
                        calendarId="primary",
                        summary=summary,
                        **timed(start, end),
                        attendees=[{"email": person_ref("person", actor_world.person(name)["displayName"])}],
                    ),
                ],
                expect=[
                    created_event(
                        actor, summary.split()[0], **times_match(start, end), attendees=emails(person)
                    )
                ],
                final_answer=f"Booked '{summary}' at {start}.",
                actor=actor,
                tags=["timezone"],
            )
        )
    review = w.event("Design Reviews", "Onboarding flow review", TUE)
    design = w.cal("Design Reviews")
    new_start = at(TUE, 14, 0, la)
    new_end = plus(new_start, 60)
    pairs.append(
        Pair(
            family="timezone",
            slug="onboarding-review-pacific",
            explicit=f"On calendar {design}, change event {review['id']} to start at {new_start} and end at "
            f"{new_end}.",
            natural="Move tomorrow's onboarding flow review to 2pm Pacific time, keeping it an hour long.",
            explicit_plan=[
                step("events_patch", calendarId=design, eventId=review["id"], **timed(new_start, new_end))
            ],
            natural_plan=[
                step("calendars_list", "cals"),
                step(
                    "events_list",
                    "found",
                    calendarId=cal_ref("Design Reviews"),
                    q="Onboarding flow review",
                    **day_window(TUE),
                ),
                step(
                    "events_patch",
                    calendarId=cal_ref("Design Reviews"),
                    eventId=event_ref("Onboarding flow review"),
                    **timed(new_start, new_end),
                ),
            ],
            expect=[changed_event(review["id"], **times_match(new_start, new_end))],
            final_answer="Moved the onboarding flow review to 2pm Pacific.",
            tags=["timezone"],
        )
    )
    return pairs
