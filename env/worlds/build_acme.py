"""Build the bundled ``acme`` world file (``env/worlds/acme.json``) deterministically.

Run ``python -m env.worlds.build_acme`` after editing; the JSON file is what ships and what the
environment loads. The world's clock is Monday 2026-03-09 09:00 in New York, the first working day
after the US daylight-saving switch (2026-03-08) and three weeks before Europe's (2026-03-29), so
time-zone arithmetic is at its most error-prone.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DOMAIN = "acme.com"
NOW = "2026-03-09T09:00:00-04:00"
OUT = Path(__file__).with_name("acme.json")

USERS = [
    ("ana@acme.com", "Ana Lopez", "America/New_York", "Engineering Manager"),
    ("dana.kim@acme.com", "Dana Kim", "America/Los_Angeles", "Product Designer"),
    ("dana.reyes@acme.com", "Dana Reyes", "America/New_York", "Marketing Lead"),
    ("priya.patel@acme.com", "Priya Patel", "Europe/London", "Staff Engineer"),
    ("kenji.sato@acme.com", "Kenji Sato", "Asia/Tokyo", "Site Reliability Engineer"),
    ("marco.rossi@acme.com", "Marco Rossi", "Europe/Berlin", "Sales Director"),
    ("lena.fischer@acme.com", "Lena Fischer", "Europe/Berlin", "Design Lead"),
    ("sam.oconnor@acme.com", "Sam O'Connor", "America/Chicago", "Recruiter"),
    ("omar.haddad@acme.com", "Omar Haddad", "America/New_York", "Chief Financial Officer"),
    ("yuki.tanaka@acme.com", "Yuki Tanaka", "Asia/Tokyo", "Marketing Manager"),
    ("chris.lee@acme.com", "Chris Lee", "America/Los_Angeles", "Software Engineer"),
    ("alex.morgan@acme.com", "Alex Morgan", "Europe/London", "Product Manager"),
]

GROUPS = [
    (
        "eng@acme.com",
        "Engineering",
        ["ana@acme.com", "priya.patel@acme.com", "kenji.sato@acme.com", "chris.lee@acme.com"],
    ),
    (
        "oncall@acme.com",
        "On-call rotation",
        ["kenji.sato@acme.com", "priya.patel@acme.com", "chris.lee@acme.com"],
    ),
    ("marketing@acme.com", "Marketing", ["dana.reyes@acme.com", "yuki.tanaka@acme.com"]),
    ("design@acme.com", "Design", ["dana.kim@acme.com", "lena.fischer@acme.com"]),
    (
        "leadership@acme.com",
        "Leadership",
        ["ana@acme.com", "omar.haddad@acme.com", "marco.rossi@acme.com", "dana.reyes@acme.com"],
    ),
]


def cal_id(slug: str) -> str:
    return f"c_{hashlib.sha1(slug.encode()).hexdigest()[:20]}@group.calendar.{DOMAIN}"


# slug, summary, description, owner, timeZone
CALENDARS = [
    ("team", "Team", "Engineering team calendar: standups, planning, demos.", "ana@acme.com", None),
    (
        "team-offsite",
        "Team Offsite",
        "Planning for the March offsite in Lisbon.",
        "omar.haddad@acme.com",
        None,
    ),
    ("team-social", "Team Social", "Lunches, game nights and other social events.", "ana@acme.com", None),
    ("marketing", "Marketing", "Marketing team meetings.", "dana.reyes@acme.com", None),
    (
        "marketing-campaigns",
        "Marketing Campaigns",
        "Campaign launches and deadlines.",
        "yuki.tanaka@acme.com",
        None,
    ),
    (
        "engineering",
        "Engineering",
        "Engineering-wide syncs and architecture reviews.",
        "priya.patel@acme.com",
        None,
    ),
    ("eng-oncall", "Eng Oncall", "Who is on call, and handoffs.", "kenji.sato@acme.com", None),
    ("design-reviews", "Design Reviews", "Design critiques and review sessions.", "dana.kim@acme.com", None),
    ("design", "Design", "Design team internal calendar.", "lena.fischer@acme.com", None),
    ("company-holidays", "Company Holidays", "Official company holidays (US).", "omar.haddad@acme.com", None),
    ("leadership", "Leadership", "Leadership team syncs.", "omar.haddad@acme.com", None),
    ("sales", "Sales", "Sales pipeline reviews and customer calls.", "marco.rossi@acme.com", None),
    ("hiring", "Hiring", "Interviews and debriefs.", "sam.oconnor@acme.com", "America/New_York"),
    (
        "product-launch",
        "Product Launch",
        "Launch milestones for Acme Calendar 2.0.",
        "dana.kim@acme.com",
        None,
    ),
    ("finance", "Finance", "Finance close and budget reviews.", "omar.haddad@acme.com", None),
]
CAL = {slug: cal_id(slug) for slug, *_ in CALENDARS}

ACL: list[tuple[str, str, str, str | None]] = [
    # (calendar slug or user email, role, scope type, scope value)
    ("team", "owner", "user", "priya.patel@acme.com"),
    ("team", "writer", "group", "eng@acme.com"),
    ("team", "reader", "domain", DOMAIN),
    ("team-offsite", "writer", "user", "ana@acme.com"),
    ("team-offsite", "reader", "group", "eng@acme.com"),
    ("team-social", "reader", "domain", DOMAIN),
    ("marketing", "reader", "user", "ana@acme.com"),
    ("marketing", "writer", "group", "marketing@acme.com"),
    ("marketing-campaigns", "freeBusyReader", "user", "ana@acme.com"),
    ("marketing-campaigns", "writer", "group", "marketing@acme.com"),
    ("engineering", "writer", "group", "eng@acme.com"),
    ("engineering", "reader", "domain", DOMAIN),
    ("eng-oncall", "writer", "group", "oncall@acme.com"),
    ("eng-oncall", "reader", "group", "eng@acme.com"),
    ("design-reviews", "writer", "user", "ana@acme.com"),
    ("design-reviews", "writer", "group", "design@acme.com"),
    ("design", "writer", "group", "design@acme.com"),
    ("company-holidays", "reader", "default", None),
    ("leadership", "writer", "group", "leadership@acme.com"),
    ("sales", "reader", "domain", DOMAIN),
    ("hiring", "writer", "user", "ana@acme.com"),
    ("hiring", "reader", "user", "priya.patel@acme.com"),
    ("product-launch", "reader", "user", "ana@acme.com"),
    ("product-launch", "writer", "group", "design@acme.com"),
    ("finance", "none", "user", "ana@acme.com"),
    ("finance", "reader", "user", "marco.rossi@acme.com"),
    ("finance", "writer", "user", "dana.reyes@acme.com"),
    # people's primary calendars: delegation on top of the domain-wide free/busy rule below
    ("dana.kim@acme.com", "reader", "user", "ana@acme.com"),
    ("priya.patel@acme.com", "writer", "user", "ana@acme.com"),
    ("omar.haddad@acme.com", "reader", "group", "leadership@acme.com"),
]

CALENDAR_LIST = [
    {"user": "ana@acme.com", "calendarId": CAL["team"], "summaryOverride": "Eng Team"},
    {"user": "priya.patel@acme.com", "calendarId": CAL["company-holidays"], "hidden": True},
    {"user": "dana.kim@acme.com", "calendarId": CAL["design-reviews"], "summaryOverride": "Crits"},
]


def event_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:24]


def timed(day: date, hour: int, minute: int, minutes: int, tz: str) -> tuple[dict[str, str], dict[str, str]]:
    zone = ZoneInfo(tz)
    start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    end = start + timedelta(minutes=minutes)
    return (
        {"dateTime": start.isoformat(), "timeZone": tz},
        {"dateTime": end.astimezone(zone).isoformat(), "timeZone": tz},
    )


def all_day(first: date, days: int = 1) -> tuple[dict[str, str], dict[str, str]]:
    return {"date": first.isoformat()}, {"date": (first + timedelta(days=days)).isoformat()}


def people(*emails: str, accepted: bool = True) -> list[dict[str, Any]]:
    names = {email: name for email, name, *_ in USERS}
    return [
        {"email": e, "displayName": names[e], "responseStatus": "accepted" if accepted else "needsAction"}
        for e in emails
    ]


def event(
    calendar: str, summary: str, times: tuple[dict[str, str], dict[str, str]], **extra: Any
) -> dict[str, Any]:
    start, end = times
    key = start.get("dateTime") or start["date"]
    return {
        "id": event_id(calendar, summary, key),
        "calendarId": calendar,
        "summary": summary,
        "start": start,
        "end": end,
        **extra,
    }


def recurring_events() -> list[dict[str, Any]]:
    ny, la, ldn, tyo = "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Tokyo"
    eng = ("ana@acme.com", "priya.patel@acme.com", "kenji.sato@acme.com", "chris.lee@acme.com")
    standup = event(
        CAL["team"],
        "Team Standup",
        timed(date(2026, 2, 2), 9, 30, 15, ny),
        recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
        attendees=people(*eng),
        description="Daily standup. Dial-in in the invite.",
        location="Zoom",
    )
    return [
        standup,
        # a moved and a cancelled occurrence of the standup (Google-style exception records)
        {
            **event(
                CAL["team"],
                "Team Standup (moved for all-hands)",
                timed(date(2026, 3, 11), 10, 30, 15, ny),
                attendees=people(*eng),
                location="Zoom",
            ),
            "id": f"{standup['id']}_20260311T133000Z",
            "recurringEventId": standup["id"],
            "originalStartTime": {"dateTime": "2026-03-11T09:30:00-04:00", "timeZone": ny},
        },
        {
            **event(CAL["team"], "Team Standup", timed(date(2026, 3, 13), 9, 30, 15, ny), status="cancelled"),
            "id": f"{standup['id']}_20260313T133000Z",
            "recurringEventId": standup["id"],
            "originalStartTime": {"dateTime": "2026-03-13T09:30:00-04:00", "timeZone": ny},
        },
        event(
            CAL["engineering"],
            "Eng Weekly Sync",
            timed(date(2026, 1, 6), 15, 0, 45, ldn),
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=TU"],
            attendees=people(*eng, "alex.morgan@acme.com"),
        ),
        event(
            CAL["eng-oncall"],
            "Oncall Handoff",
            timed(date(2026, 1, 5), 10, 0, 30, tyo),
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO"],
            attendees=people("kenji.sato@acme.com", "priya.patel@acme.com", "chris.lee@acme.com"),
        ),
        event(
            CAL["marketing"],
            "Marketing Weekly",
            timed(date(2026, 1, 7), 14, 0, 60, ny),
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20260630T235959Z"],
            attendees=people("dana.reyes@acme.com", "yuki.tanaka@acme.com", "dana.kim@acme.com"),
        ),
        event(
            CAL["design-reviews"],
            "Design Review",
            timed(date(2026, 1, 8), 13, 0, 60, la),
            recurrence=["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"],
            attendees=people("dana.kim@acme.com", "lena.fischer@acme.com", "ana@acme.com"),
        ),
        event(
            "ana@acme.com",
            "1:1 Ana / Dana Kim",
            timed(date(2026, 1, 8), 16, 0, 30, ny),
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=TH"],
            attendees=people("ana@acme.com", "dana.kim@acme.com"),
        ),
        event(
            "ana@acme.com",
            "1:1 Ana / Dana Reyes",
            timed(date(2026, 1, 9), 10, 0, 30, ny),
            recurrence=["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"],
            attendees=people("ana@acme.com", "dana.reyes@acme.com"),
        ),
        event(
            "ana@acme.com",
            "1:1 Ana / Priya",
            timed(date(2026, 1, 6), 10, 0, 30, ny),
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=TU", "EXDATE;TZID=America/New_York:20260317T100000"],
            attendees=people("ana@acme.com", "priya.patel@acme.com"),
        ),
        event(
            "ana@acme.com",
            "Gym",
            timed(date(2026, 1, 5), 7, 0, 60, ny),
            visibility="private",
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO,WE"],
            transparency="opaque",
        ),
        event(
            CAL["leadership"],
            "Leadership Sync",
            timed(date(2026, 1, 5), 12, 0, 60, ny),
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20"],
            attendees=people(
                "ana@acme.com", "omar.haddad@acme.com", "marco.rossi@acme.com", "dana.reyes@acme.com"
            ),
        ),
        event(
            CAL["finance"],
            "Month-end Close",
            all_day(date(2026, 1, 31)),
            recurrence=["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1"],
        ),
        event(
            CAL["team-social"],
            "Team Lunch",
            timed(date(2026, 1, 16), 12, 30, 60, ny),
            recurrence=["RRULE:FREQ=MONTHLY;BYDAY=3FR"],
            location="Cafe Roma",
        ),
        event(
            CAL["sales"],
            "Pipeline Review",
            timed(date(2026, 1, 5), 16, 0, 60, "Europe/Berlin"),
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO"],
            attendees=people("marco.rossi@acme.com"),
        ),
        event(
            "kenji.sato@acme.com",
            "Focus time",
            timed(date(2026, 1, 5), 13, 0, 120, tyo),
            recurrence=["RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"],
            transparency="opaque",
        ),
    ]


def one_off_events() -> list[dict[str, Any]]:
    ny, la = "America/New_York", "America/Los_Angeles"
    out = [
        event(CAL["company-holidays"], name, all_day(day))
        for name, day in [
            ("New Year's Day", date(2026, 1, 1)),
            ("Martin Luther King Jr. Day", date(2026, 1, 19)),
            ("Presidents' Day", date(2026, 2, 16)),
            ("Good Friday", date(2026, 4, 3)),
            ("Memorial Day", date(2026, 5, 25)),
            ("Independence Day (observed)", date(2026, 7, 3)),
        ]
    ]
    out += [
        event(
            CAL["team-offsite"],
            "Team Offsite - Lisbon",
            all_day(date(2026, 3, 24), 3),
            location="Lisbon",
            attendees=people(
                "ana@acme.com", "priya.patel@acme.com", "kenji.sato@acme.com", "chris.lee@acme.com"
            ),
        ),
        event(
            CAL["team-offsite"],
            "Offsite agenda planning",
            timed(date(2026, 3, 12), 11, 0, 60, ny),
            attendees=people("ana@acme.com", "omar.haddad@acme.com"),
        ),
        event(CAL["team-offsite"], "Book flights to Lisbon", all_day(date(2026, 3, 10))),
        event(
            CAL["team"],
            "Q2 Planning",
            timed(date(2026, 3, 18), 13, 0, 90, ny),
            attendees=people("ana@acme.com", "priya.patel@acme.com", "chris.lee@acme.com"),
        ),
        event(
            CAL["team"],
            "Q2 Planning Prep",
            timed(date(2026, 3, 16), 15, 0, 60, ny),
            attendees=people("ana@acme.com", "priya.patel@acme.com"),
        ),
        event(CAL["team"], "Sprint Demo", timed(date(2026, 3, 13), 14, 0, 60, ny)),
        event(CAL["team"], "Q1 Planning (old)", timed(date(2026, 3, 10), 13, 0, 60, ny), status="cancelled"),
        event(
            CAL["team"],
            "Architecture deep dive",
            timed(date(2026, 3, 19), 11, 0, 90, ny),
            description="Calendar sync redesign.",
        ),
        event(
            CAL["design-reviews"],
            "Old design crit",
            timed(date(2026, 3, 5), 13, 0, 60, la),
            status="cancelled",
        ),
        event(
            CAL["design-reviews"],
            "Onboarding flow review",
            timed(date(2026, 3, 10), 10, 0, 60, la),
            attendees=people("dana.kim@acme.com", "lena.fischer@acme.com"),
        ),
        event(CAL["design"], "Design team retro", timed(date(2026, 3, 12), 9, 0, 60, "Europe/Berlin")),
        event(
            CAL["hiring"],
            "Interview - Jordan Blake (backend)",
            timed(date(2026, 3, 10), 14, 0, 60, ny),
            visibility="private",
            attendees=people("ana@acme.com", "sam.oconnor@acme.com"),
        ),
        event(
            CAL["hiring"],
            "Interview - Casey Wu (frontend)",
            timed(date(2026, 3, 12), 15, 0, 60, ny),
            visibility="private",
            attendees=people("chris.lee@acme.com", "sam.oconnor@acme.com"),
        ),
        event(CAL["hiring"], "Hiring debrief", timed(date(2026, 3, 13), 11, 0, 30, ny)),
        event(CAL["product-launch"], "Acme Calendar 2.0 launch", all_day(date(2026, 3, 31))),
        event(CAL["product-launch"], "Launch go/no-go", timed(date(2026, 3, 26), 9, 0, 60, la)),
        event(CAL["marketing-campaigns"], "Spring campaign goes live", all_day(date(2026, 3, 16))),
        event(CAL["marketing-campaigns"], "Campaign copy deadline", timed(date(2026, 3, 11), 17, 0, 30, ny)),
        event(
            CAL["marketing"],
            "Brand refresh kickoff",
            timed(date(2026, 3, 10), 11, 0, 60, ny),
            attendees=people("dana.reyes@acme.com", "yuki.tanaka@acme.com", "dana.kim@acme.com"),
        ),
        event(
            CAL["leadership"],
            "Budget Review",
            timed(date(2026, 3, 17), 14, 0, 60, ny),
            attendees=people("ana@acme.com", "omar.haddad@acme.com"),
        ),
        event(CAL["finance"], "Budget Review", timed(date(2026, 3, 17), 16, 0, 60, ny)),
        event(CAL["eng-oncall"], "Oncall: Kenji", all_day(date(2026, 3, 9), 7)),
        event(CAL["eng-oncall"], "Oncall: Priya", all_day(date(2026, 3, 16), 7)),
        event(
            "ana@acme.com", "Doctor appointment", timed(date(2026, 3, 11), 8, 0, 60, ny), visibility="private"
        ),
        event(
            "ana@acme.com",
            "Sync with Dana",
            timed(date(2026, 3, 12), 14, 0, 30, ny),
            description="Which Dana? Both were invited once.",
            attendees=people("ana@acme.com", "dana.kim@acme.com", "dana.reyes@acme.com", accepted=False),
        ),
        event(
            "ana@acme.com",
            "Dentist",
            timed(date(2026, 3, 20), 8, 30, 60, ny),
            visibility="private",
            status="cancelled",
        ),
        event("dana.kim@acme.com", "Therapy", timed(date(2026, 3, 10), 17, 0, 60, la), visibility="private"),
        event("dana.kim@acme.com", "Dana Kim OOO", all_day(date(2026, 3, 19), 2)),
        event(
            "priya.patel@acme.com",
            "Visa appointment",
            timed(date(2026, 3, 18), 9, 0, 90, "Europe/London"),
            visibility="private",
            attendees=people("priya.patel@acme.com", "ana@acme.com"),
        ),
        event(
            "omar.haddad@acme.com",
            "Board prep",
            timed(date(2026, 3, 16), 8, 0, 120, ny),
            visibility="private",
        ),
    ]
    return out


TITLES = [
    "Project check-in",
    "Customer call",
    "Roadmap review",
    "Coffee chat",
    "Focus block",
    "Vendor demo",
    "Quarterly review",
    "Bug triage",
    "Lunch & learn",
    "Planning session",
    "Metrics review",
    "Pairing",
]


def filler_events(rng: random.Random) -> list[dict[str, Any]]:
    """A few ordinary meetings on every person's calendar between 2026-03-02 and 2026-03-27."""
    out = []
    emails = [email for email, *_ in USERS]
    for email, _, tz, _ in USERS:
        for _ in range(9):
            day = date(2026, 3, 2) + timedelta(days=rng.randrange(26))
            if day.weekday() >= 5:
                day -= timedelta(days=2)
            title = rng.choice(TITLES)
            guests = rng.sample([e for e in emails if e != email], k=rng.randrange(0, 3))
            extra: dict[str, Any] = {"attendees": people(email, *guests)} if guests else {}
            if rng.random() < 0.2:
                extra["location"] = rng.choice(["Room 4A", "Room 2B", "Zoom", "Cafe"])
            out.append(
                event(
                    email,
                    title,
                    timed(day, rng.randrange(8, 17), rng.choice([0, 30]), rng.choice([30, 45, 60]), tz),
                    **extra,
                )
            )
    return out


def build() -> dict[str, Any]:
    rng = random.Random(2026)
    events = recurring_events() + one_off_events() + filler_events(rng)
    seen: set[str] = set()
    unique = []
    for item in events:
        if item["id"] not in seen:
            seen.add(item["id"])
            unique.append(item)
    acl = []
    for target, role, scope_type, value in ACL:
        calendar = target if "@" in target else CAL[target]
        scope = {"type": scope_type} if value is None else {"type": scope_type, "value": value}
        acl.append({"calendarId": calendar, "role": role, "scope": scope})
    acl += [
        {"calendarId": email, "role": "freeBusyReader", "scope": {"type": "domain", "value": DOMAIN}}
        for email, *_ in USERS
    ]
    return {
        "name": "acme",
        "domain": DOMAIN,
        "now": NOW,
        "default_actor": "ana@acme.com",
        "description": "Acme Inc.: 12 people in 6 time zones, 15 shared calendars with confusable names.",
        "users": [{"email": e, "displayName": n, "timeZone": tz, "title": t} for e, n, tz, t in USERS],
        "groups": [{"email": e, "name": n, "members": m} for e, n, m in GROUPS],
        "calendars": [
            {
                "id": CAL[slug],
                "summary": summary,
                "description": description,
                "owner": owner,
                **({"timeZone": tz} if tz else {}),
            }
            for slug, summary, description, owner, tz in CALENDARS
        ],
        "acl": acl,
        "calendar_list": CALENDAR_LIST,
        "events": unique,
    }


def main() -> None:
    OUT.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
