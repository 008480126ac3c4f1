"""Calendar suite templates: create on a named calendar, reschedule, invite people, share a calendar."""

from __future__ import annotations

from evals.suites.build_calendar_suite import Pair
from evals.suites.calendar_templates.helpers import (
    FRI,
    NEXT_MON,
    NEXT_THU,
    NEXT_TUE,
    THU,
    TUE,
    WED,
    WorldFn,
    at,
    attendees,
    cal_ref,
    changed_event,
    created_acl,
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
                    created_acl(role, calendarId=calendar_id, scope_value=email)
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
