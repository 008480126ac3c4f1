"""Wrong values for reference fields (IDs and emails), the ways LLM agents write them.

Each function takes the gold value and what the agent could know about the record (its display
name, the listing it came from) and returns the wrong value, or ``None`` when the mistake cannot be
made on this record (a one-letter name has no partial form; a rule has no listing neighbour).
"""

from __future__ import annotations

import math
import random
import re
import string
from collections.abc import Mapping
from typing import Any

from agents.independent.fields import ArgField
from agents.world import WorldView

_ABBREVIATIONS = {
    "engineering": "eng",
    "marketing": "mktg",
    "management": "mgmt",
    "development": "dev",
    "operations": "ops",
    "product": "prod",
    "finance": "fin",
    "department": "dept",
    "international": "intl",
    "executive": "exec",
    "administration": "admin",
    "information": "info",
    "technology": "tech",
    "conference": "conf",
    "meeting": "mtg",
    "personal": "personal",
    "architecture": "arch",
    "infrastructure": "infra",
    "recruiting": "hiring",
    "customer": "customer",
}
_GENERIC_WORDS = frozenset({"the", "my", "our", "team", "calendar", "cal", "group", "shared", "a", "of"})
_NICKNAMES = {
    "robert": "Bob",
    "william": "Bill",
    "elizabeth": "Liz",
    "katherine": "Kate",
    "catherine": "Cathy",
    "michael": "Mike",
    "daniel": "Dan",
    "jonathan": "Jon",
    "alexander": "Alex",
    "alexandra": "Alex",
    "samuel": "Sam",
    "samantha": "Sam",
    "christopher": "Chris",
    "christina": "Chris",
    "benjamin": "Ben",
    "jennifer": "Jen",
    "margaret": "Maggie",
    "thomas": "Tom",
    "james": "Jim",
    "joseph": "Joe",
    "richard": "Rick",
    "nicholas": "Nick",
    "patricia": "Pat",
    "rebecca": "Becky",
    "susan": "Sue",
    "matthew": "Matt",
    "andrew": "Andy",
    "anthony": "Tony",
    "steven": "Steve",
    "victoria": "Vicky",
    "jessica": "Jess",
    "gabriel": "Gabe",
    "priyanka": "Priya",
    "abigail": "Abby",
    "theodore": "Ted",
    "edward": "Ed",
    "frederick": "Fred",
    "kimberly": "Kim",
    "deborah": "Deb",
    "natalie": "Nat",
}
_NOUNS = {"calendar": ("calendar", "cal"), "event": ("meeting", "event")}
_WRONG_DOMAINS = ("{base}.io", "{base}.co", "{base}corp.com", "{base}-inc.com", "example.com", "gmail.com")
_BASE32HEX = string.digits + "abcdefghijklmnopqrstuv"


def display_name(field: ArgField, args: Mapping[str, Any], world: WorldView) -> str | None:
    """What a person would call the record a reference field names."""
    value = str(field.value)
    if field.referent == "calendar":
        return world.calendar_name(value)
    if field.referent == "event":
        calendar = args.get("calendarId")
        return world.event_name(calendar if isinstance(calendar, str) else None, value)
    if field.referent == "person":
        return world.person_name(value) if "@" in value else None
    if field.referent == "acl_rule" and ":" in value:
        grantee = value.split(":", 1)[1]
        return world.person_name(grantee) if "@" in grantee else grantee
    return None


def _words(name: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9']+", name)


def paraphrase(name: str, referent: str, rng: random.Random) -> str | None:
    """A casual way to say ``name``: "the eng calendar" for "Engineering Team"."""
    words = _words(name)
    if not words:
        return None
    if referent == "person":
        first, last = words[0], words[-1]
        if len(words) < 2:
            return None
        forms = [f"{first} {last[0]}.", f"{first[0]}. {last}", f"{last}, {first}"]
    else:
        noun = rng.choice(_NOUNS.get(referent, ("one",)))
        lowered = [w.lower() for w in words]
        specific = [w for w in lowered if w not in _GENERIC_WORDS] or lowered
        key_word = _ABBREVIATIONS.get(specific[0], specific[0])
        tail = "" if lowered[-1] in (noun, "calendar", "meeting") else f" {noun}"
        forms = [f"the {key_word} {noun}", f"my {' '.join(lowered)}{tail}", f"our {specific[0]} {noun}"]
    candidates = [f for f in forms if f.strip().lower() != name.strip().lower()]
    return rng.choice(candidates) if candidates else None


def misspell(text: str, rng: random.Random) -> str | None:
    """``text`` with one typo: two letters swapped, one dropped, doubled or a vowel changed."""
    positions = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
    if len(positions) < 2:
        return None
    for _ in range(8):
        i = rng.choice(positions)
        kind = rng.choice(("swap", "drop", "double", "vowel"))
        if kind == "swap" and i + 1 < len(text) and text[i + 1].isalpha() and text[i + 1] != text[i]:
            typo = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif kind == "drop":
            typo = text[:i] + text[i + 1 :]
        elif kind == "double":
            typo = text[:i] + text[i] + text[i:]
        elif kind == "vowel" and text[i].lower() in "aeiou":
            vowel = rng.choice([v for v in "aeiou" if v != text[i].lower()])
            typo = text[:i] + (vowel.upper() if text[i].isupper() else vowel) + text[i + 1 :]
        else:
            continue
        if typo != text:
            return typo
    return None


def misspelt_reference(field: ArgField, name: str | None, rng: random.Random) -> str | None:
    """A typo in the name (calendars, events) or in the email itself (people, rules)."""
    value = str(field.value)
    if field.referent in ("person", "acl_rule") and "@" in value:
        prefix, _, email = value.rpartition(":") if field.referent == "acl_rule" else ("", "", value)
        local, _, domain = email.partition("@")
        typo = misspell(local, rng)
        return f"{prefix}{':' if prefix else ''}{typo}@{domain}" if typo else None
    return misspell(name, rng) if name else None


def partial(field: ArgField, name: str | None, rng: random.Random) -> str | None:
    """Part of the name: one word of several, a prefix of a long word, an email's local part."""
    value = str(field.value)
    if field.referent == "person" and "@" in value:
        local = value.split("@", 1)[0]
        last = _words(name)[-1] if name and len(_words(name)) > 1 else None
        return rng.choice([x for x in (local, last) if x])
    if field.referent == "acl_rule" and ":" in value:
        return value.split(":", 1)[1]
    if not name:
        return None
    words = _words(name)
    if len(words) > 1:
        return rng.choice([words[0], max(words, key=len)])
    if len(name) >= 5:
        return name[: max(3, math.ceil(len(name) * 0.6))]
    return None


def first_name(name: str | None, email: str, rng: random.Random) -> str | None:
    """A person's first name, or a common nickname for it, where their email belongs."""
    words = _words(name) if name else []
    first = words[0] if words else email.split("@", 1)[0].split(".")[0].title()
    if not first:
        return None
    nickname = _NICKNAMES.get(first.lower())
    return nickname if nickname and rng.random() < 0.5 else first


def listing(field: ArgField, args: Mapping[str, Any], world: WorldView) -> list[str]:
    """The IDs of the listing the right ID would be copied from, in the order it shows them."""
    value = str(field.value)
    if field.referent == "calendar":
        return [str(c["id"]) for c in world.calendars() if c.get("id")]
    if field.referent == "event":
        calendar = args.get("calendarId")
        if not isinstance(calendar, str):
            return []
        return [
            str(e["id"]) for e in world.events(calendar) if e.get("id") and e.get("status") != "cancelled"
        ]
    if field.referent == "person" and "@" in value:
        return [str(p["email"]) for p in world.people(value.split("@", 1)[1]) if p.get("email")]
    return []


def neighbour(value: str, ids: list[str], rng: random.Random) -> str | None:
    """The ID one row above or below ``value`` in a listing."""
    if value not in ids or len(ids) < 2:
        return None
    index = ids.index(value)
    steps = [1, -1] if rng.random() < 0.5 else [-1, 1]
    for step in steps:
        if 0 <= index + step < len(ids):
            return ids[index + step]
    return None


def _random_like(text: str, rng: random.Random) -> str:
    """A string of the same shape: each digit a random digit, each letter a random letter."""
    out = []
    for char in text:
        if char.isdigit():
            out.append(rng.choice(string.digits))
        elif char in string.hexdigits.lower() and char.isalpha():
            out.append(rng.choice("abcdef0123456789"))
        elif char.isalpha():
            out.append(rng.choice(string.ascii_lowercase))
        else:
            out.append(char)
    return "".join(out)


def wrong_domain(email: str, rng: random.Random) -> str | None:
    """The right local part at a domain that is not the person's."""
    local, _, domain = email.partition("@")
    if not domain:
        return None
    base = domain.rsplit(".", 1)[0]
    options = [d.format(base=base) for d in _WRONG_DOMAINS]
    return f"{local}@{rng.choice([d for d in options if d != domain])}"


def hallucinated(field: ArgField, name: str | None, rng: random.Random) -> str | None:
    """An ID-shaped string that names nothing: a re-rolled ID, ``cal_8f3a91c2``, ``evt_123``."""
    value = str(field.value)
    if field.referent == "person" and "@" in value:
        return wrong_domain(value, rng)
    if field.referent == "acl_rule":
        grantee = value.split(":", 1)[1] if ":" in value else ""
        invented = wrong_domain(grantee, rng) if "@" in grantee else None
        return f"user:{invented}" if invented else f"rule_{rng.randint(1, 99)}"
    if field.referent == "event":
        forms = [f"evt_{rng.randint(100, 999)}", f"event_{rng.randint(1, 20)}"]
        forms.append("".join(rng.choice(_BASE32HEX) for _ in range(max(len(value), 8))))
        return rng.choice(forms)
    if value == "primary":
        return None
    local, at, domain = value.partition("@")
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "team").lower()).strip("-") or "team"
    forms = [f"cal_{_random_like('8f3a91c2', rng)}", f"{slug}@group.calendar.{domain or 'google.com'}"]
    if at and local.startswith("c_"):
        forms.append(f"c_{_random_like(local[2:], rng)}@{domain}")
    elif at:
        forms.append(wrong_domain(value, rng) or forms[0])
    candidates = [f for f in forms if f != value]
    return rng.choice(candidates) if candidates else None
