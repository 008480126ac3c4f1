"""Whose time is "9am Jonas's time": another person's zone, from the directory.

The datetime reader marks a time said in someone else's zone with the words naming that person
(``zone_owner``: "Jonas", "Kenji", "her"). This module looks each name up with the pack's
``people_zones`` directory lookup, as the acting user, and returns the zone of the one person the name
singles out. A pronoun, a name two people share ("Tom"), a lookup that fails or a zone that is not a
real IANA zone gives no zone: the time then stays someone else's, and grounding has no opinion on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.context import GuardContext
from guards.datetimes import TemporalExpression, extract_datetimes
from guards.datetimes.owners import names_no_person
from guards.datetimes.series import series_owner
from guards.lookups import item_id, item_names
from guards.pack import DomainPack
from guards.paths import get_path
from guards.recovery.classify import classify
from guards.resolve.matching import Scored, rank, score_text

# Words that put a time in someone else's zone ("... two o'clock Hamish's time", "her morning").
_OWNER_PHRASE = re.compile(
    r"\b(?P<owner>[^\W\d_][\w.-]*?)['\u2019]s\s+(?:local\s+)?(?:time(?:\s*zone)?|timezone|morning|afternoon|"
    r"evening|night|day|clock)\b|\b(?P<pronoun>their|his|her|your)\s+(?:local\s+)?(?:time(?:\s*zone)?|"
    r"timezone|morning|afternoon|evening|night|day|clock)\b|\blocal\s+time\s+(?:for|of|in)\s+(?P<named>\w+)",
    re.IGNORECASE,
)
_LOOKAHEAD = 24
# A clock between an expression and the owner's words after it: those words are that clock's.
_CLOCK_BETWEEN = re.compile(r"\d|\b(noon|midday|midnight|o['\u2019]clock)\b", re.IGNORECASE)


# A clock time just before the owner's words: "9 am St. John's time", "at ten Hamish's time".
_CLOCK_BEFORE = re.compile(r"(?:\d|\bnoon|\bmidnight|o['\u2019]clock)\W*(?:\w+\W+){0,2}$", re.IGNORECASE)


def owner_after_a_time(message: str) -> str | None:
    """The owner of the first "<clock> <someone>'s time" in ``message``, whether or not the reader
    resolved the clock (it abstains on words it does not know, "9 am St. John's time"): a value
    without an offset must not then be read in the user's own zone as if nothing had been said."""
    for found in _OWNER_PHRASE.finditer(message):
        owner = found.group("owner") or found.group("pronoun") or found.group("named")
        before = message[max(0, found.start() - _LOOKAHEAD) : found.start()]
        if not names_no_person(owner) and _CLOCK_BEFORE.search(before):
            return owner
    return None


def owner_of(expression: TemporalExpression, message: str) -> tuple[str | None, bool]:
    """Whose time an expression is in, and whether the reader itself said so (``zone_owner``: its
    readings are then in that person's zone once looked up). Words right after the expression that the
    reader did not attach ("between ten and two Hamish's time") still name an owner: ``(owner, False)``.
    """
    if expression.zone_owner:
        return expression.zone_owner, True
    if expression.zone is not None:
        return None, False
    after = message[expression.span_end : expression.span_end + _LOOKAHEAD]
    text = expression.text + after
    for found in _OWNER_PHRASE.finditer(text):
        owner = found.group("owner") or found.group("pronoun") or found.group("named")
        if _CLOCK_BETWEEN.search(text[len(expression.text) : found.start()]):
            break  # "on April 1 to 1pm Malak's time": the owner's words are the later clock's
        if not names_no_person(owner):
            return owner, False
    return None, False


PRONOUNS = frozenset({"her", "his", "their", "him", "them", "hers", "theirs", "your", "yours", "my", "our"})
THRESHOLD = 80.0
MARGIN = 8.0

OwnerZones = tuple[tuple[str, str], ...]
"""``((owner words, IANA zone), ...)``: hashable, so readers of the request can cache on it."""


def owner_zones(ctx: GuardContext, pack: DomainPack) -> OwnerZones:
    """The zone of every person whose time the user's messages give a time in, where the directory
    singles that person out (see the module docstring)."""
    spec = pack.people_zones
    if spec is None or ctx.lookup is None or spec.lookup.query is None:
        return ()
    found: list[tuple[str, str]] = []
    for owner in _owners(tuple(ctx.user_messages), ctx.now, ctx.timezone):
        if owner.strip().lower() in PRONOUNS:
            continue
        zone = _zone_of(ctx, pack, owner)
        if zone is not None:
            found.append((owner, zone))
    return tuple(found)


@lru_cache(maxsize=256)
def _owners(messages: Sequence[str], now: datetime, tz: str) -> tuple[str, ...]:
    owners: list[str] = []
    for message in messages:
        said = [owner_of(expression, message)[0] for expression in extract_datetimes(message, now=now, tz=tz)]
        for owner in [*said, series_owner(message, now.replace(tzinfo=None), tz)]:
            if owner and owner not in owners:
                owners.append(owner)
    return tuple(owners)


def _zone_of(ctx: GuardContext, pack: DomainPack, owner: str) -> str | None:
    spec = pack.people_zones
    assert spec is not None and spec.lookup.query is not None
    args = {**spec.lookup.args, spec.lookup.query: owner}
    try:
        result = ctx.cached_lookup(spec.lookup.tool, args)
    except Exception:  # a directory that cannot be read leaves the zone unknown, never guessed
        return None
    if not classify(result, spec.lookup.tool).ok:
        return None
    items = get_path(result, spec.lookup.items, None) if isinstance(result, dict) else result
    scored = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        key = item_id(item, spec.lookup) or ""
        names = item_names(item, spec.lookup)
        score = max((score_text(owner, name, "person") for name in names), default=0.0)
        scored.append(Scored(key, key, score, item=item))
    decision = rank(scored, threshold=THRESHOLD, margin=MARGIN)
    if decision.winner is None:
        return None
    zone = get_path(decision.winner.item, spec.zone, None)
    if not isinstance(zone, str):
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone
