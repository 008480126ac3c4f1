"""Templates of the bundled ``calendar`` suite: one function per task family, one :class:`Pair` per task.

The clock is Monday 2026-03-09 09:00 in New York; the acting user is Ana Lopez (ana@acme.com, New
York) unless a template says otherwise. Helpers keep each template to what differs: the words, the
gold plans and the expected records. IDs come from build-time lookups (``world().cal("Team")``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evals.suites.build_calendar_suite import ACTOR, NY, Pair, World

WorldFn = Callable[..., World]

MON, TUE, WED, THU, FRI = (date(2026, 3, 9) + timedelta(days=i) for i in range(5))
NEXT_MON, NEXT_TUE, NEXT_WED, NEXT_THU, NEXT_FRI = (date(2026, 3, 16) + timedelta(days=i) for i in range(5))

PERMISSION_WORDS = [
    "access",
    "permission",
    "read-only",
    "not allowed",
    "can't",
    "cannot",
    "unable",
    "don't have",
    "do not have",
    "not authorized",
    "only view",
]
AMBIGUITY_WORDS = ["which", "clarify", "did you mean", "more than one", "multiple", "two "]
NOT_FOUND_WORDS = [
    *PERMISSION_WORDS,
    "not find",
    "couldn't find",
    "could not find",
    "no calendar",
    "not found",
]


def at(day: date, hour: int, minute: int = 0, tz: str = NY) -> str:
    """RFC3339 with the zone's offset on that day."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(tz)).isoformat()


def plus(moment: str, minutes: int) -> str:
    start = datetime.fromisoformat(moment)
    return (start + timedelta(minutes=minutes)).isoformat()


def step(tool: str, save_as: str | None = None, **args: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"tool": tool, "args": args}
    if save_as:
        data["save_as"] = save_as
    return data


def day_window(day: date, days: int = 1, tz: str = NY) -> dict[str, str]:
    return {"timeMin": at(day, 0, 0, tz), "timeMax": at(day + timedelta(days=days), 0, 0, tz)}


def instant(value: str) -> dict[str, str]:
    return {"$instant": value}


def timed(start: str, end: str, tz: str | None = None) -> dict[str, Any]:
    """``start``/``end`` arguments (with ``timeZone`` when given)."""
    s: dict[str, str] = {"dateTime": start}
    e: dict[str, str] = {"dateTime": end}
    if tz:
        s["timeZone"] = tz
        e["timeZone"] = tz
    return {"start": s, "end": e}


def times_match(start: str, end: str) -> dict[str, Any]:
    return {"start.dateTime": instant(start), "end.dateTime": instant(end)}


def cal_ref(summary: str, source: str = "cals") -> str:
    return f"${source}.items[summary={summary}].id"


def event_ref(summary: str, source: str = "found") -> str:
    return f"${source}.items[summary={summary}].id"


def person_ref(source: str, display_name: str | None = None) -> str:
    """The email found by a ``users_search`` step (the entry with ``display_name`` when given)."""
    if display_name:
        return f"${source}.items[displayName={display_name}].email"
    return f"${source}.items[0].email"


def created_event(calendar_id: str, keyword: str, **fields: Any) -> dict[str, Any]:
    return {
        "kind": "created",
        "resource": "event",
        "match": {"calendarId": calendar_id, "summary": {"$contains": keyword}},
        "fields": fields,
    }


def changed_event(event_id: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "changed", "resource": "event", "match": {"id": event_id}, "fields": fields}


def deleted_event(event_id: str) -> dict[str, Any]:
    return {"kind": "deleted", "resource": "event", "match": {"id": event_id}}


def attendees(*emails: str) -> list[dict[str, str]]:
    return [{"email": e} for e in emails]


def emails(*values: str) -> dict[str, list[str]]:
    return {"$emails": list(values)}


# --------------------------------------------------------------------------------------------------
# create: an event on a named calendar


def create_on_calendar(world: WorldFn) -> list[Pair]:
    w = world()
    rows = [
        (
            "team-sync",
            "Team",
            "Sync",
            TUE,
            (14, 0),
            30,
            "add a 30-minute sync to the team calendar tomorrow at 2pm",
        ),
        (
            "eng-office-hours",
            "Engineering",
            "Architecture office hours",
            THU,
            (15, 0),
            60,
            "put 'Architecture office hours' on the Engineering calendar this Thursday from 3 to 4pm",
        ),
        (
            "offsite-logistics",
            "Team Offsite",
            "Offsite logistics check",
            WED,
            (10, 0),
            45,
            "schedule an 'Offsite logistics check' on the offsite calendar on Wednesday at 10am for "
            "45 minutes",
        ),
        (
            "hiring-sourcing",
            "Hiring",
            "Candidate sourcing",
            FRI,
            (13, 0),
            90,
            "block 'Candidate sourcing' on the hiring calendar this Friday from 1 to 2:30pm",
        ),
        (
            "social-game-night",
            "Team Social",
            "Game night planning",
            NEXT_MON,
            (17, 0),
            60,
            "add a one-hour 'Game night planning' to Team Social next Monday at 5pm",
        ),
        (
            "leadership-prep",
            "Leadership",
            "Leadership prep",
            TUE,
            (8, 30),
            30,
            "add 'Leadership prep' to the leadership calendar tomorrow, 8:30 to 9am",
        ),
    ]
    pairs = []
    for slug, calendar, summary, day, (hour, minute), minutes, words in rows:
        calendar_id = w.cal(calendar)
        start = at(day, hour, minute)
        end = plus(start, minutes)
        pairs.append(
            Pair(
                family="create_on_calendar",
                slug=slug,
                explicit=f"Create an event titled '{summary}' on calendar {calendar_id} from {start} "
                f"to {end}.",
                natural=words[0].upper() + words[1:] + ".",
                explicit_plan=[
                    step("events_insert", "new", calendarId=calendar_id, summary=summary, **timed(start, end))
                ],
                natural_plan=[
                    step("calendars_list", "cals"),
                    step(
                        "events_insert",
                        "new",
                        calendarId=cal_ref(calendar),
                        summary=summary,
                        **timed(start, end),
                    ),
                ],
                expect=[created_event(calendar_id, summary.split()[0], **times_match(start, end))],
                final_answer=f"Added '{summary}' to the {calendar} calendar.",
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# reschedule: an event described in words


def reschedule(world: WorldFn) -> list[Pair]:
    w = world()
    rows = [
        (
            "sprint-demo-later",
            "Team",
            "Sprint Demo",
            FRI,
            at(FRI, 15),
            60,
            "Push the sprint demo on Friday back by an hour.",
        ),
        (
            "planning-prep-tuesday",
            "Team",
            "Q2 Planning Prep",
            NEXT_MON,
            at(NEXT_TUE, 11),
            60,
            "Move the Q2 planning prep from next Monday to next Tuesday at 11am, same length.",
        ),
        (
            "offsite-agenda-friday",
            "Team Offsite",
            "Offsite agenda planning",
            THU,
            at(FRI, 11),
            60,
            "Move the offsite agenda planning meeting from Thursday to Friday at the same time.",
        ),
        (
            "hiring-debrief-4pm",
            "Hiring",
            "Hiring debrief",
            FRI,
            at(FRI, 16),
            30,
            "Can you move Friday's hiring debrief to 4pm?",
        ),
        (
            "deep-dive-afternoon",
            "Team",
            "Architecture deep dive",
            NEXT_THU,
            at(NEXT_THU, 14),
            90,
            "Move the architecture deep dive next Thursday to 2pm.",
        ),
    ]
    pairs = []
    for slug, calendar, summary, day, new_start, minutes, words in rows:
        calendar_id = w.cal(calendar)
        event = w.event(calendar, summary, day)
        new_end = plus(new_start, minutes)
        pairs.append(
            Pair(
                family="reschedule",
                slug=slug,
                explicit=f"On calendar {calendar_id}, change event {event['id']} to start at {new_start} "
                f"and end at {new_end}.",
                natural=words,
                explicit_plan=[
                    step(
                        "events_patch",
                        calendarId=calendar_id,
                        eventId=event["id"],
                        **timed(new_start, new_end),
                    )
                ],
                natural_plan=[
                    step("calendars_list", "cals"),
                    step("events_list", "found", calendarId=cal_ref(calendar), q=summary, **day_window(day)),
                    step(
                        "events_patch",
                        calendarId=cal_ref(calendar),
                        eventId=event_ref(summary),
                        **timed(new_start, new_end),
                    ),
                ],
                expect=[changed_event(event["id"], summary=summary, **times_match(new_start, new_end))],
                final_answer=f"Moved '{summary}' to {new_start}.",
                alternative_plan=[],
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# invite: people by name


def invite_people(world: WorldFn) -> list[Pair]:
    w = world()
    pairs = []
    edits = [
        (
            "deep-dive-priya-kenji",
            "Team",
            "Architecture deep dive",
            NEXT_THU,
            ["Priya", "Kenji"],
            "Invite Priya and Kenji to the architecture deep dive next Thursday.",
        ),
        (
            "planning-prep-chris",
            "Team",
            "Q2 Planning Prep",
            NEXT_MON,
            ["Chris"],
            "Add Chris to the Q2 planning prep meeting next Monday.",
        ),
        (
            "sprint-demo-alex-sam",
            "Team",
            "Sprint Demo",
            FRI,
            ["Alex", "Sam"],
            "Invite Alex and Sam to Friday's sprint demo.",
        ),
    ]
    for slug, calendar, summary, day, names, words in edits:
        calendar_id = w.cal(calendar)
        event = w.event(calendar, summary, day)
        existing = [a["email"] for a in event.get("attendees", [])]
        new = [w.user(n) for n in names]
        everyone = existing + new
        lookups = [step("users_search", f"p{i}", query=n) for i, n in enumerate(names)]
        natural_attendees = [{"email": e} for e in existing] + [
            {"email": person_ref(f"p{i}", w.person(n)["displayName"])} for i, n in enumerate(names)
        ]
        keep = f" (keep the current attendees {', '.join(existing)})" if existing else ""
        pairs.append(
            Pair(
                family="invite_people",
                slug=slug,
                explicit=f"On calendar {calendar_id}, add {' and '.join(new)} as attendees of event "
                f"{event['id']}{keep}.",
                natural=words,
                explicit_plan=[
                    step(
                        "events_patch",
                        calendarId=calendar_id,
                        eventId=event["id"],
                        attendees=attendees(*everyone),
                    )
                ],
                natural_plan=[
                    step("calendars_list", "cals"),
                    step("events_list", "found", calendarId=cal_ref(calendar), q=summary, **day_window(day)),
                    *lookups,
                    step(
                        "events_patch",
                        calendarId=cal_ref(calendar),
                        eventId=event_ref(summary),
                        attendees=natural_attendees,
                    ),
                ],
                expect=[changed_event(event["id"], attendees=emails(*everyone))],
                final_answer=f"Invited {', '.join(names)} to '{summary}'.",
            )
        )
    creates = [
        (
            "design-sync-lena-dana-kim",
            "Design sync",
            THU,
            (13, 0),
            30,
            ["Lena", "Dana Kim"],
            "Set up a 30-minute 'Design sync' on my calendar Thursday at 1pm with Lena and Dana Kim.",
        ),
        (
            "budget-prep-omar-marco",
            "Budget prep",
            TUE,
            (16, 0),
            60,
            ["Omar", "Marco"],
            "Create 'Budget prep' tomorrow from 4 to 5pm on my calendar and invite Omar and Marco.",
        ),
    ]
    for slug, summary, day, (hour, minute), minutes, names, words in creates:
        start = at(day, hour, minute)
        end = plus(start, minutes)
        people = [w.user(n) for n in names]
        lookups = [step("users_search", f"p{i}", query=n) for i, n in enumerate(names)]
        pairs.append(
            Pair(
                family="invite_people",
                slug=slug,
                explicit=f"Create an event '{summary}' on calendar {w.actor} from {start} to {end} with "
                f"attendees {' and '.join(people)}.",
                natural=words,
                explicit_plan=[
                    step(
                        "events_insert",
                        "new",
                        calendarId=w.actor,
                        summary=summary,
                        **timed(start, end),
                        attendees=attendees(*people),
                    )
                ],
                natural_plan=[
                    *lookups,
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
                final_answer=f"Created '{summary}' and invited {', '.join(names)}.",
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------------
# share: ACL changes by person name


def share_calendar(world: WorldFn) -> list[Pair]:
    w = world()
    pairs = []
    grants = [
        (
            "team-dana-reyes-reader",
            "Team",
            "Dana Reyes",
            "reader",
            "Share the team calendar with Dana Reyes so she can see the details.",
        ),
        (
            "social-alex-writer",
            "Team Social",
            "Alex",
            "writer",
            "Give Alex edit access to the Team Social calendar.",
        ),
        ("team-yuki-reader", "Team", "Yuki", "reader", "Let Yuki see everything on the team calendar."),
        (
            "social-omar-freebusy",
            "Team Social",
            "Omar",
            "freeBusyReader",
            "Let Omar see when Team Social events are happening, but not what they are.",
        ),
    ]
    for slug, calendar, name, role, words in grants:
        calendar_id = w.cal(calendar)
        email = w.user(name)
        pairs.append(
            Pair(
                family="share_calendar",
                slug=slug,
                explicit=f"Add an ACL rule on calendar {calendar_id} giving user {email} the role {role}.",
                natural=words,
                explicit_plan=[
                    step(
                        "acl_insert",
                        calendarId=calendar_id,
                        role=role,
                        scope={"type": "user", "value": email},
                    )
                ],
                natural_plan=[
                    step("calendars_list", "cals"),
                    step("users_search", "person", query=name),
                    step(
                        "acl_insert",
                        calendarId=cal_ref(calendar),
                        role=role,
                        scope={"type": "user", "value": person_ref("person", w.person(name)["displayName"])},
                    ),
                ],
                expect=[
                    {
                        "kind": "created",
                        "resource": "acl_rule",
                        "match": {"calendarId": calendar_id, "scope.value": email},
                        "fields": {"role": role},
                    }
                ],
                final_answer=f"Shared {calendar} with {name} ({role}).",
            )
        )
    team = w.cal("Team")
    priya = w.user("Priya")
    pairs.append(
        Pair(
            family="share_calendar",
            slug="team-priya-downgrade",
            explicit=f"On calendar {team}, change ACL rule user:{priya} to the role reader.",
            natural="Priya should only be able to read the team calendar from now on; change her access.",
            explicit_plan=[step("acl_patch", calendarId=team, ruleId=f"user:{priya}", role="reader")],
            natural_plan=[
                step("calendars_list", "cals"),
                step("acl_list", "rules", calendarId=cal_ref("Team")),
                step("users_search", "person", query="Priya"),
                step(
                    "acl_patch",
                    calendarId=cal_ref("Team"),
                    ruleId=f"$rules.items[scope.value={priya}].id",
                    role="reader",
                ),
            ],
            expect=[
                {
                    "kind": "changed",
                    "resource": "acl_rule",
                    "match": {"calendarId": team, "id": f"user:{priya}"},
                    "fields": {"role": "reader"},
                }
            ],
            final_answer="Priya now has read-only access to the Team calendar.",
        )
    )
    social = w.cal("Team Social")
    pairs.append(
        Pair(
            family="share_calendar",
            slug="social-unshare-domain",
            explicit=f"Delete the ACL rule domain:acme.com from calendar {social}.",
            natural="Stop sharing the Team Social calendar with the whole company.",
            explicit_plan=[step("acl_delete", calendarId=social, ruleId="domain:acme.com")],
            natural_plan=[
                step("calendars_list", "cals"),
                step("acl_list", "rules", calendarId=cal_ref("Team Social")),
                step(
                    "acl_delete",
                    calendarId=cal_ref("Team Social"),
                    ruleId="$rules.items[scope.type=domain].id",
                ),
            ],
            expect=[
                {
                    "kind": "deleted",
                    "resource": "acl_rule",
                    "match": {"calendarId": social, "id": "domain:acme.com"},
                }
            ],
            final_answer="Team Social is no longer shared with everyone at acme.com.",
        )
    )
    return pairs


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
        {
            "kind": "created",
            "resource": "acl_rule",
            "match": {"scope.value": w.actor},
            "fields": {"role": "owner"},
        },
        {
            "kind": "created",
            "resource": "acl_rule",
            "match": {"scope.value": lena},
            "fields": {"role": "reader"},
        },
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
                {
                    "kind": "created",
                    "resource": "acl_rule",
                    "match": {"scope.value": w.actor},
                    "fields": {"role": "owner"},
                },
                {
                    "kind": "created",
                    "resource": "acl_rule",
                    "match": {"scope.value": sam},
                    "fields": {"role": "writer"},
                },
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


ALL_FAMILIES = [
    create_on_calendar,
    reschedule,
    invite_people,
    share_calendar,
    find_free_slot,
    recurring,
    all_day,
    timezone_heavy,
    permission_denied,
    ambiguous,
    delete_by_description,
    move_between_calendars,
    multi_step,
]
