"""Bare number pairs read as dates or clock times only where the words around them schedule something.

"3/4", "7:45", "12.30" with no other date or time word are as often a fraction, a score, a pace, a
ratio, a verse or a media timestamp as a date or a clock time ("in 3/4 time", "a 7:45 mile", "John
3:16", "skip to 3:45"). Negative rules can only name the senses someone has met; new material keeps
bringing new ones. So a bare pair needs positive evidence of its own:

* a scheduling word before it: "at 3:45", "moved to 11:45", "on 12/04", "can we do 10/20", "departs
  Lisboa Santa Apolónia 08:39", "the deadline is 30/5";
* a thing that happens at a time, before or after it: "doors 17:00", "your 2:15 scan", "the 9:15
  train", "the 10:30 carrier call";
* a reply about a time or a date after it: "7/15 works", "11:45 instead?", "is 11/12 still good";
* or a list with a pair that has such evidence: "at 06:00 and 18:00", "doors 17:00, show 18:00".

Without any, the parser abstains: a missed bare time costs a repair the guard could have made; a
wrong one moves a correct value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guards.datetimes.model import TemporalExpression
from guards.datetimes.patterns import EVENT_NOUN as _EVENT
from guards.datetimes.patterns import HOUR_WORD, MINUTE_WORD

# (and a day, a month and a two-digit year: "24-6-12" is as often a lock's combination)
_PAIR = r"\d{1,2}(?:[:.]\d\d(?::\d\d)?|/\d{1,2}|(?P<sep>[/.-])\d{1,2}(?P=sep)\d\d)"
# ("three fifty", "nine twelve": a spoken pair is as often a price or a room number)
_SPOKEN_PAIR = rf"{HOUR_WORD}[\s-]+{MINUTE_WORD}"
# The span is nothing but the pair, perhaps after a preposition the parser took into it.
_BARE = re.compile(
    rf"(?:(?P<cue>at|@|by|on|around|about|before|after|until|till|til|from|since|to)\s*)?(?:{_PAIR}|{_SPOKEN_PAIR})"
)
# "at nine fifty a unit", "four fifty rupees", "three fifty for a coffee": a price, whatever stands before
_PRICE_AFTER = re.compile(
    r"\s*(?:a\s+unit|each|apiece|a\s+pop|per\b|rupees?|dollars?|bucks|pounds?|quid|euros?|cents?|pence|"
    r"for\s+(?:a|an|one|two|the)\s+(?!meeting|call|appointment|slot)|plus\s+(?:shipping|tax|vat))",
    re.IGNORECASE,
)

_SCHEDULING_WORD = (
    r"at|@|by|on|around|about|approx(?:imately)?|circa|before|after|until|till|til|from|since|to|between|"
    r"for|due|do|make\s+it|say|maybe|perhaps|or|than|instead\s+of|rather\s+than|gets?\s+in|"
    r"starts?|started|starting|begins?|began|beginning|ends?|ended|ending|opens?|opened|closes?|closed|"
    r"resolved|leaves?|leaving|departs?|departing|arrives?|arriving|lands?|landing|boards?|boarding|"
    r"dated?|expires?|expiring|scheduled|booked|set|moved?|moves|pushed?|push|reschedul(?:ed?|ing)|"
    r"postponed?|is\s+now|now\s+at|eta|etd|std|sta|atd|ata|timeline|back|returns?|returning|"
    # replies and requests in a conversation about when: "Sure, 3:45", "I'm free 6/3", "see you 9:30"
    r"free|available|meet|see\s+you|reminder|confirm(?:ing|ed)?|sure|ok|okay|yes|yeah|yep|think|how\s+about|"
    r"what\s+about|pencil(?:\s+me)?\s+in(?:\s+for)?|schedule|book|hold|block|save"
)
_IS = r"(?:is|was|will\s+be|['\u2019]s)"
# "before the 1:15", "after my 2:30" ("for the 1:50 details" is a scale)
_TIME_PREPOSITION = r"at|by|before|after|until|till|til|from|since|to|around|about"
_CUE_BEFORE = re.compile(
    rf"(?:\b(?:{_SCHEDULING_WORD}|(?:{_TIME_PREPOSITION})\s+(?:the|my|your|our|this|that)|{_EVENT}(?:\s+{_IS})?|"
    rf"(?:day|date)\s+{_IS}|(?:day|date|time)\?)|[@~])"
    r"\s*[:,(\[]?\s*$",
    re.IGNORECASE,
)
# "departs Lisboa Santa Apolónia 08:39": a place's name between the verb and the time.
_VERB_AND_PLACE_BEFORE = re.compile(
    r"\b(?:leaves?|leaving|departs?|departing|arrives?|arriving|lands?|landing|calls?\s+at|stops?\s+at)"
    r"(?:\s+(?:in|at|from))?(?:\s+[A-Z][\w\u00c0-\u024f'-]*){1,4}\s*,?\s*$"
)
_OWNER_BEFORE = re.compile(r"\b(?:my|your|our|his|her|their)\s+$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|that|a|an)\s+$", re.IGNORECASE)
# "the 9:15 train", "the 10:30 carrier call", "the 14:05 from Paddington", "the 1:45 with Jordan"
_EVENT_AFTER = re.compile(
    rf"\s*(?:(?i:{_EVENT})\b|\S+\s+(?i:{_EVENT})\b|(?i:to|from|with|in\s+front)\s|[.?!\x22')\]]|\s-\s|$|[A-Z][A-Za-z])"
)
# "2/29", "11:45?": a message that is nothing but the pair answers a question about a date or a time
_WHOLE_MESSAGE = re.compile(r"\s*[?!.]*\s*")
_CUE_AFTER = re.compile(
    r"\s*(?:[,?!.]\s*)?(?:(?:still|also|really)\s+)?(?:works?|suits?|is\s+(?:fine|good|ok|okay|free|open|"
    r"better|best|great)|(?:ok|okay|fine|good|free|open|available)\b|instead|it\s+is|sharp|on\s+the\s+dot|"
    r"at\s+the\s+latest|latest|onwards|or\s+later|or\s+earlier|start|kick-?off|local|is\s+the\s+(?:other\s+)?"
    r"(?:option|plan|date|time|slot)|(?:-\s*)?let\s+me\s+know|(?:might|could|would|should)\s+(?:work|suit)|"
    r"if\s+that['\u2019]?s\s+(?:ok|okay|fine|alright|all\s+right)|then|please|"
    r"in\s+(?:your|my|the|our)\s+(?:diary|calendar|planner|schedule))\b",
    re.IGNORECASE,
)
# What may stand between two pairs of one list: "06:00 and 18:00", "14:05 alert fired, 14:40".
_LIST_GAP = re.compile(r"[^.!?]{0,40}")
_JOINER = re.compile(r",|;|\band\b|\bor\b|&|\bthen\b", re.IGNORECASE)


# "set an alarm for like six forty five": the words a speaker fills a pause with say nothing
_FILLERS_AT_END = re.compile(r"(?:\s+(?:like|um+|uh+|erm+|er|you\s+know))+\s*$", re.IGNORECASE)


def _bare(expression: TemporalExpression) -> re.Match[str] | None:
    if expression.grain not in ("date", "time"):
        return None
    return _BARE.fullmatch(expression.text.lower())


def _has_own_evidence(text: str, expression: TemporalExpression, bare: re.Match[str]) -> bool:
    if _PRICE_AFTER.match(text, expression.span_end):
        return False
    if bare["cue"]:
        return True
    if _WHOLE_MESSAGE.fullmatch(text[: expression.span_start] + text[expression.span_end :]):
        return True
    before = _FILLERS_AT_END.sub(" ", text[max(0, expression.span_start - 60) : expression.span_start])
    after = text[expression.span_end : expression.span_end + 40]
    if _CUE_BEFORE.search(before) or _VERB_AND_PLACE_BEFORE.search(before) or _CUE_AFTER.match(after):
        return True
    if _OWNER_BEFORE.search(before):
        return True  # "my 4:30", "your 2:15 scan": something on someone's calendar
    event = _EVENT_AFTER.match(after)
    if event is not None and event.group(0).strip()[:1].isupper() and text.upper() == text:
        event = None  # in capitals a capital says nothing: "THE 1:50 ELEVATIONS"
    return _DETERMINER_BEFORE.search(before) is not None and event is not None


def _beside(text: str, left: TemporalExpression, right: TemporalExpression) -> bool:
    """``left`` and ``right`` stand together with nothing but spaces or a comma between them."""
    return re.fullmatch(r"[\s,]*", text[left.span_end : right.span_start]) is not None


def _listed_together(text: str, left: TemporalExpression, right: TemporalExpression) -> bool:
    """Two pairs of one grain in a list: "06:00 and 18:00", "14:05 alert fired, 14:40"."""
    gap = text[left.span_end : right.span_start]
    return (
        left.grain == right.grain
        and _LIST_GAP.fullmatch(gap) is not None
        and len(gap.split()) <= 4
        and _JOINER.search(gap) is not None
    )


def without_unsupported_bare_pairs(
    text: str, expressions: Sequence[TemporalExpression]
) -> list[TemporalExpression]:
    """The expressions, less the bare number pairs nothing around them reads as a date or a time."""
    found = list(expressions)
    bare = [_bare(e) for e in found]
    supported = [m is None or _has_own_evidence(text, e, m) for e, m in zip(found, bare, strict=True)]
    for index in range(1, len(found)):  # "week 10 10:20": a pair right beside a date or a time
        if (bare[index - 1] is None) != (bare[index] is None) and _beside(
            text, found[index - 1], found[index]
        ):
            supported[index - 1] = supported[index] = True
    # a list lends its evidence to each of its pairs, in both directions
    for order in (range(1, len(found)), range(len(found) - 1, 0, -1)):
        for index in order:
            left, right = found[index - 1], found[index]
            both_bare = bare[index - 1] is not None and bare[index] is not None
            if both_bare and supported[index - 1] != supported[index] and _listed_together(text, left, right):
                supported[index - 1] = supported[index] = True
    return [e for e, keep in zip(found, supported, strict=True) if keep]
