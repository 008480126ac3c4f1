"""When "the 21st" written without a month is a day of the month, and when it is only an ordinal.

A bare ordinal is a day when a word that introduces a day comes before it ("on", "by", "until", the
start of a clause) and a word that goes on about scheduling comes after it ("the 3rd floor" and "the
2nd time" are no days). Half of a span is no day either: "between the 21st and 23rd" or "the 21st to
the 23rd I'm away" whose second day is unread, or "away the 10th to the 12th" whose first day no word
introduced; the day read alone would stand for the span.
"""

from __future__ import annotations

import re

from guards.datetimes.patterns import DAY_ORDINAL_NUMBER, HOUR_WORD, MINUTE_WORD, WEEKDAY

# A zone after the day ("3pm on the 21st ET", "... my time"); place names are not listed.
_ZONE_WORD = (
    r"(?:et|pt|ct|mt|utc|gmt|bst|cet|cest|est|edt|pst|pdt|cst|cdt|mst|mdt|ist|jst|aest|aedt|"
    r"eastern|pacific|central|mountain|(?:my|your|his|her|their|our|local)\s+time)"
)
# What may follow "the 21st" for it to be a day of the month: the end of a clause, a time, a word
# that goes on about scheduling; "and"/"or" only before another such day ("the 3rd and the 4th").
_DAY_FOLLOWER = re.compile(
    rf"\s*(?:$|[.,;:!?()\-\u2013\u2014\x22\u201d]|\d|(?:thanks|thx|cheers|regards|best|fyi|btw|lol|at|for|from|to|till|until|through|thru|but|instead|then|is|was|works?|would|could|"
    rf"will|should|please|if|in\s+the\s+(?:morning|afternoon|evening)|morning|afternoon|evening|night|"
    rf"before|after|around|between|maybe|ok|okay|too|when|so|free|open|available|good|fine|any|via|"
    rf"because|since|sharp|looks?|suits?|suit|sounds?|might|it\s+is|onto|into|in|with|off|still|again|already|though|anyway|"
    rf"has|have|had|here|there|"
    rf"noon|midday|midnight|{HOUR_WORD}(?:\s+o'?clock|[\s-]+{MINUTE_WORD}|\s+[ap]\.?m)|{_ZONE_WORD}|"
    rf"{WEEKDAY})\b)"
)
# What may come before a bare "the 21st": the start of a clause or a word that introduces a day.
_DAY_LEAD = re.compile(
    r"(?:^|[,;:!?.(>\x22\u201c\-\u2013\u2014]|['\u2019]s|\b(?:fyi|update|re|so|uh|um|erm|er|sorry|mean|rather|"
    r"on|for|to|until|till|through|thru|by|from|after|before|between|is|are|was|and|or|about|than|with|no|"
    r"yes|ok|okay|then|but|except|not|maybe|say|does|do|did|it|make|of|meet|book|hold|keep|block|save|free|"
    r"see\s+(?:you|us)|come|think|confirm(?:ing|ed)?|would|propos(?:e|ed|ing)|suggest(?:ed|ing)?|prefer(?:red)?|offer(?:ed)?|"
    r"pencil(?:\s+(?:it|me|us|them|that))?\s+in)|"
    # a clock time before the day: "3pm the 21st", "noon the 21st", "8 in the morning the 21st"
    r"(?:\d[:.]\d\d|\d\s*[ap]\.?m\.?|\bo'?clock|\bnoon|\bmidday|\bmidnight|\d(?:ish|\s*hrs)|"
    r"\bin\s+the\s+(?:morning|afternoon|evening)|\bat\s+night))\s*$"
)
_NEXT_DAY = re.compile(rf"\s*(?:and|or)\s+(?:the\s+)?{DAY_ORDINAL_NUMBER}")
# "until the 22nd and honestly I'd rather wait": "and" opens a new clause, not a second ordinal
_AND_A_CLAUSE = re.compile(r"\s*,?\s*and\s+(?:i|we|you|he|she|they|then|also|honestly)\b")


_AFTER_ANOTHER_DAY = re.compile(
    rf"\b(?P<the>the\s+)?{DAY_ORDINAL_NUMBER}\s*(?:to|and|or|until|till|through|thru|-|\u2013)\s*$"
)


_SPAN_PARTNER = re.compile(
    rf"\s*(?:to|till|until|through|thru|-|\u2013)\s*(?P<the>the\s+)?{DAY_ORDINAL_NUMBER}"
)


def _opens_an_unread_span(text: str, end: int) -> bool:
    """``the 21st to the 23rd I'm away``, ``the 21st-23rd``: a span whose second day is not read (it
    goes on with no scheduling word, or has no "the"); the first read alone would stand for the span."""
    partner = _SPAN_PARTNER.match(text, end)
    return partner is not None and not (partner["the"] and day_follows(text, partner.end()))


def _half_of_an_unread_span(text: str, start: int, end: int) -> bool:
    """The ordinal at ``start`` follows another one that no word introduced as a day (unless the
    two, both with "the", make a span a word that goes on about scheduling follows)."""
    before = _AFTER_ANOTHER_DAY.search(text, max(0, start - 24), start)
    if before is None or (before["the"] and text[start:end].startswith("the") and day_follows(text, end)):
        return False
    lead = text[: before.start()]
    return not (_DAY_LEAD.search(lead) or re.search(r"\b(?:on|between)\s*$", lead))


def _between_without_a_partner(text: str, start: int, end: int) -> bool:
    """``between the 21st`` with no "and the 23rd" that reads as a day after it."""
    return re.search(r"\bbetween\s*$", text[:start]) is not None and not re.match(
        rf"\s*and\s+the\s+{DAY_ORDINAL_NUMBER}\b", text[end:]
    )


def day_follows(text: str, end: int) -> bool:
    """True when the words after an ordinal at ``end`` let it be a day of the month."""
    joined = _NEXT_DAY.match(text, end)
    if joined:
        return day_follows(text, joined.end())
    if re.match(r"\s*(?:and|or)\b", text[end:]):
        return _AND_A_CLAUSE.match(text, end) is not None
    return _DAY_FOLLOWER.match(text, end) is not None


def _opens_a_read_span(text: str, end: int) -> bool:
    """``the 3rd through the 5th`` then a word that lets it be days: the span says they are days."""
    partner = _SPAN_PARTNER.match(text, end)
    return partner is not None and bool(partner["the"]) and day_follows(text, partner.end())


def ordinal_is_a_day(text: str, start: int, end: int, *, on: bool) -> bool:
    """The ordinal ``text[start:end]`` ("the 21st", ``on`` when "on" opens it) is a day of the month."""
    if not (
        day_follows(text, end) and (on or _DAY_LEAD.search(text, 0, start) or _opens_a_read_span(text, end))
    ):
        return False
    if _opens_an_unread_span(text, end):
        return False
    return on or not (
        _between_without_a_partner(text, start, end) or _half_of_an_unread_span(text, start, end)
    )
