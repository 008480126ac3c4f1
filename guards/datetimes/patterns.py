"""Regular-expression fragments shared by the recognisers (all match lower-cased text)."""

from __future__ import annotations

import re

from guards.datetimes.lexicon import (
    CARDINALS,
    MONTHS,
    ORDINALS,
    QUANTITY_WORDS,
    UNIT_WORDS,
    WEEKDAYS,
    alternation,
)

MONTH = rf"(?:{alternation(MONTHS)})"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})"
# The dot of an abbreviated month ("Dec. 31"); after a full name a dot ends the sentence instead.
MONTH_DOT = r"(?:(?<=jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.|(?<=sept)\.)?"
ORDINAL_WORD = rf"(?:{alternation(ORDINALS)})"
DAY_CARDINAL_WORD = rf"(?:{alternation(w for w, v in CARDINALS.items() if 10 <= v <= 31)})"
HOUR_WORD = rf"(?:{alternation(w for w, v in CARDINALS.items() if 1 <= v <= 12)})"
MINUTE_WORD = rf"(?:{alternation(w for w, v in CARDINALS.items() if 10 <= v <= 59)}|o[h ]? ?(?:{alternation(w for w, v in CARDINALS.items() if 1 <= v <= 9)}))"  # noqa: E501
# a colon after an ordinal opens a note ("Mon 31st: leaving do"); after a number it is a clock's
DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:(?:st|nd|rd|th)(?!\d)|(?![\d:]))"
DAY_ORDINAL_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?!\d)"
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_ONE_TO_99 = alternation(w for w, v in CARDINALS.items() if 1 <= v <= 99)
_TEN_TO_99 = alternation(w for w, v in CARDINALS.items() if 10 <= v <= 99)
_ONE_TO_9 = alternation(w for w, v in CARDINALS.items() if 1 <= v <= 9)
# Years as words: "nineteen eighty six", "two thousand and thirty two", "seventeen hundred thirty three".
YEAR_WORDS = (
    rf"(?:two\s+thousand(?:(?:\s+and)?\s+(?:{_ONE_TO_99}))?(?!\s+(?:{_ONE_TO_99})\b)|"
    rf"(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+"
    rf"(?:hundred(?:(?:\s+and)?\s+(?:{_ONE_TO_99}))?|(?:{_TEN_TO_99})|oh?\s+(?:{_ONE_TO_9})))\b"
)
QUANTITY = rf"(?:\d+(?:\.\d+)?|½|{alternation(QUANTITY_WORDS)})"
UNIT = rf"(?:{alternation(UNIT_WORDS)})"

# am/pm in its many spellings: "pm", "p.m.", "p . m .", "p m", and "9a"/"9p" glued to a number.
# A dotted form ("p.m.") owns its final dot; an undotted one ("pm.") leaves it to the sentence.
# A lone "a"/"p" after a space and before a word is the article or a word ("15:00 a week on").
MERIDIEM = (
    r"(?:(?P<mer>[ap])(?:\s?\.\s?m\b\.?(?:\s?\.)?|\s?m\b)"
    r"|(?P<mer_short>(?<!\s)[ap]|[ap](?!\s+[a-z]))(?=$|[\s.,;!?)]))"
)
MERIDIEM_2 = MERIDIEM.replace("?P<mer>", "?P<mer2>").replace("?P<mer_short>", "?P<mer2_short>")

WEEKDAY_MODIFIER = (
    r"(?:this\s+past|this\s+coming|this\s+upcoming|the\s+following|this|next|last|previous|past|"
    r"coming|upcoming|following|nxt)"
)
WEEK_MODIFIER = r"(?:this|next|last|previous|the\s+following|following|the\s+previous|the\s+next|coming)"

# Today, tonight and tomorrow as chat also writes them ("2moro", "tmrw", "2nite").
DAY_WORD = r"(?:today|tonight|tonite|2nite|2day|tomorrow|tomorow|tmrw|tmr|tmw|2morrow|2moro)"

# A clause boundary after a bare number read as a time ("at 10", "at 10, ...", "at 10 tomorrow").
TIME_FOLLOW = (
    rf"(?=\s*(?:$|[.,;!?()\x22\u201d]|[:;]-?[)(DPp]|thanks\b|thx\b|cheers\b|regards\b|on\b|or\b|to\b|until\b|till\b|-|{DAY_WORD}\b|this\b|next\b|"
    rf"in\s+the\b|(?:in|from)\s+(?:room|studio|hall|lobby|gym|office|class(?:room)?|lab|court|reception|school|"
    rf"work|home|nursery|gate|platform|terminal|building|block|unit|suite|ward|bay)\b|o'?\s?clock|sharp\b|then\b|works?\b|suits?\b|suit\b|sounds?\b|is\b|would\b|could\b|if\b|instead\b|might\b|it\s+is\b|"
    rf"please\b|pls\b|plz\b|ok(?:ay)?\b|"
    # a new clause ("by 9 I will be at the ministry") or a place ("see you at 3 at Greenbelt"; "at 6 in
    # studio 3B", "collected at 3 from Room 14" name the room: "at 5 in stores" names none)
    rf"(?:i|we)\s+(?:will|'ll|am|'m|go|can|should|must|shall|need|have)\b|at\s+(?!most\b|least\b|all\b|once\b|a\s+time\b)|"
    rf"{WEEKDAY}\b|[ap]\.?m\b|"
    r"(?:in\s+)?\b(?:his|her|their|your|[a-z][\w-]*(?:'s|\u2019s))\s+time\b))"
)


# A verb that moves an event: after it, "A to B" names where the event goes, not a range
# ("move my 4pm to 5", "push the 2:30 to 3").
# Things that happen at a time or on a date.
EVENT_NOUN = (
    r"(?:train|bus|tram|coach|ferry|boat|flight|plane|shuttle|departure|arrival|sailing|appointment|appt|"
    r"meeting|call|sync|standup|stand-up|check-?in|session|slot|class|lesson|lecture|seminar|talk|keynote|"
    r"remarks|registration|show|showing|screening|performance|curtain|doors|mass|service|ceremony|match|"
    r"game|kick-?off|tee\s+time|deadline|delivery|pickup|pick-up|drop-?off|reservation|booking|interview|"
    r"review|demo|briefing|huddle|catch-?up|shift|visit|viewing|tour|sitting|seating|dinner|lunch|"
    r"breakfast|brunch|scan|release|launch|exam|test|party|wedding|birthday|b-?day|anniversary)s?"
    r"(?<!shows)"  # "the feed shows 14:32": a verb
)
_MOVE_WORD = (
    r"(?:move[ds]?|moving|shift(?:s|ed)?|push(?:es|ed)?|reschedul(?:e[ds]?|ing)|bump(?:s|ed)?|chang(?:e[ds]?|ing)|"
    r"switch(?:es|ed)?|swap(?:s|ped)?|postpone[ds]?|prepone[ds]?|bring|brought|slide|slid)"
)
# "the night shift", "a late shift", "change freeze", "change window": nouns, not verbs that move an event
_NOUN_BEFORE_WORDS = (
    "a", "an", "the", "my", "your", "our", "his", "her", "their", "this", "that", "night", "late", "early",
    "day", "overnight", "morning", "evening", "afternoon", "double", "split", "weekend", "graveyard",
    "next", "first", "second", "third", "last", "long", "short", "big", "small", "kitchen", "volunteer",
    "work", "swing", "relief", "cover", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "weekday",
)  # fmt: skip
_NOUN_BEFORE = "".join(rf"(?<!\b{word} )" for word in _NOUN_BEFORE_WORDS)
_NOUN_AFTER = (
    r"(?!\s+(?:freeze|window|request|requests|management|control|log|board|ticket|notice|record|advisory)\b)"
    r"(?!\s+[b-hj-z0-9]\b)"  # "Shift B covers the line": a named shift (a letter that is no word)
)
_MOVE_WORD = rf"{_NOUN_BEFORE}{_MOVE_WORD}\b{_NOUN_AFTER}"
MOVE_VERB = rf"\b{_MOVE_WORD}\b[^.,;!?]*"
# ... when the first time names the event being moved ("my 4pm", "the 2:30", "Friday's 9am", "move
# 3pm to 4pm"), not the new slot ("move the review to Friday 10 to 11").
MOVED = re.compile(
    MOVE_VERB + r"\b(?:my|the|our|your|his|her|their|this|that)\s+$"
    rf"|\b{_MOVE_WORD}\s+(?:(?:my|the|our|your|his|her|their|this|that)\s+)?(?:(?:{WEEKDAY}|{DAY_WORD})['\u2019]s\s+)?$",
    re.IGNORECASE,
)
# "shift the standup from 9:15 to 9:45": from where the event is to where it goes, not a range
MOVED_FROM = re.compile(MOVE_VERB + r"(?<!\bto )\bfrom\s*$", re.IGNORECASE)  # ("push it to from 2 to 4")


def meridiem_of(short: str | None, long: str | None) -> str | None:
    """``"pm"``/``"am"`` from the two meridiem groups (or ``None``)."""
    letter = long or short
    return None if letter is None else letter + "m"


def number_value(text: str) -> int:
    """A day or hour written as digits (``"04th"``) or words (``"twenty ninth"``)."""
    text = text.strip().replace("-", " ").replace("  ", " ")
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits:
        return int(digits)
    words = text.replace(" ", "-")
    for table in (ORDINALS, CARDINALS):
        for key, value in table.items():
            if key.replace(" ", "-") == words:
                return value
    raise ValueError(f"not a number: {text!r}")


def year_value(text: str) -> int:
    """``"nineteen eighty six"`` -> 1986, ``"two thousand and thirty two"`` -> 2032."""
    words = re.sub(r"[\s-]+", " ", text.strip()).replace(" and ", " ").split(" ")
    if words[:2] == ["two", "thousand"]:
        rest = " ".join(words[2:])
        return 2000 + (CARDINALS[rest] if rest else 0)
    century = CARDINALS[words[0]] * 100
    rest_words = words[1:]
    if rest_words and rest_words[0] == "hundred":
        rest_words = rest_words[1:]
    if rest_words and rest_words[0] in ("oh", "o"):
        rest_words = rest_words[1:]
    rest = " ".join(rest_words)
    return century + (CARDINALS[rest] if rest else 0)


def minute_value(text: str) -> int:
    """Minutes written as words: ``"thirty"``, ``"forty five"``, ``"oh five"``."""
    text = text.strip()
    for prefix in ("oh ", "o ", "oh", "o"):
        if text.startswith(prefix) and text[len(prefix) :].strip() in CARDINALS:
            return CARDINALS[text[len(prefix) :].strip()]
    return number_value(text)


# What may stand before a word that opens a clause, so that its capital says nothing: a sentence
# mark, a quote, a dash, a greeting's comma, a quoted reply ("> "), or a tag such as "FYI" or "Re:".
_CLAUSE_OPENER = re.compile(
    r"(?:^|[.!?:;,\"(>\-\u2013\u2014\u201c\n]|\b(?:FYI|PS|NB|RE|Re|Fwd|FW|Update))\s*$"
)


def opens_clause(before: str) -> bool:
    """Does a word right after ``before`` (the text preceding it) open a sentence or clause?"""
    return _CLAUSE_OPENER.search(before) is not None
