"""Words that look like dates or times but name something else; the parser abstains on them.

* A holiday name before a thing named for it ("the Christmas tree", "Black Friday deals", "Boxing
  Day sales", "a Halloween costume", "an Easter egg", "the Christmas party", "Labor Day weekend") names
  that thing, not the day: the party and the sales are seldom on the day itself. An eve's party
  ("New Year's Eve party") is that evening's; meals ("Christmas Eve dinner") keep the day.
* "a good Friday" (with an article) is a Friday that is good, not Good Friday.
* Two weekdays joined by a dash ("Mon-Fri", "Monday-Friday") are a weekly schedule, not one span of
  days, unless a week is named beside them ("Mon-Fri next week").
* A flat or unit number ("Flat 9/30", "Unit 4-12") is an address.
* A clock after "in" ("finished in 3:45") is a length of time, not a time of day ("the train gets in
  18:42" arrives then).
* A weekday in an idiom ("Sunday best", "Monday blues", "that Friday feeling"), a short weekday that is
  a verb ("Sat next to Priya"), "one day we'll", "now that we're done" are no times.
* A capitalised expression glued to a capitalised word that is no date word ("Wednesday Addams",
  "Saturday Night Live", "A Christmas Carol") is part of a proper name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.lexicon import DAY_PART_WORDS, MEALS, MONTHS, WEEKDAYS
from guards.datetimes.model import Atom, TemporalExpression
from guards.datetimes.not_dates_numbers import changed_quantity_voids, colon_number_voids, slash_number_voids
from guards.datetimes.patterns import DAY_WORD, MONTH, WEEKDAY, opens_clause
from guards.datetimes.race_times import race_time_voids

_THINGS = (
    "trees?|party|parties|deals?|sales?|shopping|shoppers?|bonus(?:es)?|break|holidays|vacation|cards?|"
    "gifts?|presents?|decorations?|decor|lights|markets?|jumpers?|sweaters?|costumes?|season|rush|specials?|"
    "menus?|music|songs?|carols?|movies?|films?|lists?|budget|hampers?|eggs?|bunny|bonnets?|candy|baskets?|"
    r"spirit|(?:long\s+)?weekend|week|madness|bracket|closure|shutdown|cheer|jumper|ornaments?|wreaths?|"
    "stockings?|assembl(?:y|ies)|concerts?|fairs?|fetes?|cantatas?|pageants?|plays?|pantos?|pantomimes?|"
    "recitals?|nativity"
)
_THING_AFTER = re.compile(rf"[\s-]+(?P<thing>{_THINGS})\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|such\s+a|what\s+a)\s+$")

_SCHEDULE = re.compile(
    rf"\b(?P<a>{WEEKDAY})\.?\s*(?:-|\u2013|/)\s*(?P<b>{WEEKDAY})\b\.?"
    r"(?!\s*,?\s*(?:of\s+)?(?:this|next|last|the\s+following|coming)\s+week\b)"
)
# "Monday to Friday, 9 to 6": opening hours, a window on every day of the span, not one range.
_WEEKDAYS_WITH_HOURS = re.compile(
    rf"\b{WEEKDAY}\.?\s*(?:-|\u2013|/|to|through|thru|till|until)\s*{WEEKDAY}\b\.?,?\s+(?:from\s+)?"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\s*(?:-|\u2013|to|till|until)\s*\d{1,2}"
)
# "seat 47H", "gate 12B": a label with a letter, not 47 hours; "every 4 to 6 hours": a recurrence.
_LABELLED = re.compile(r"\b(?:seat|row|gate|bay|stand|platform|berth|dock|pier|cabin|room)\s*\d{1,3}[a-z]\b")
_EVERY_FEW = re.compile(
    r"\bevery\s+\d{1,3}\s*(?:to|-|\u2013|or)\s*\d{1,3}\s*(?:hours?|hrs?|minutes?|mins?|days?|weeks?)\b"
)
_RATIO = re.compile(
    r"\b\d{1,2}:\d\d\s+(?:dilutions?|ratios?|scale|odds|mix|split|aspect|bonus|rights|leverage|staffing)\b"
)
_NEXT_DAY_MARK = re.compile(r"\b\d{1,2}:\d\d\s*\+\s*\d(?![\d:])")
_SCHEDULE_OPENER = re.compile(r"\b(?:from|this|next|last|coming)\s+$")
_IDIOM = re.compile(
    rf"\b(?:{WEEKDAY})[\s-]+(?:morning[\s-]+quarterback(?:s|ing)?\b|"
    r"best|school|papers?|drivers?|blues|feeling|vibes|funday|scaries|league|markets?|"
    r"crowd|crew)\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)['\u2019]s\s+child\b"
)
_VERB_SAT = re.compile(
    r"\s+(?:next\s+(?:to|2)\b|down|up|beside|behind|by|with|there|here|around|alone|together|quietly|still|"
    r"in\s+(?:on|front)|on\s+(?:the|a|an|my|his|her|their|our|your)\b)"
)
_SOMEDAY = re.compile(
    r"\b(?:one|some)\s+day\b(?=,?\s+(?:we|i|you|he|she|they|it|people|someone|everyone|this|that|"
    r"we'll|i'll|you'll|they'll)\b)"
)
# "now that we're done"; "the fare is now 500", "we are off here now": the present state, not a time.
_NOW_THAT = re.compile(
    r"\bnow\s+that\b|\bnow\s+(?:starts?|begins?|runs|ends|opens|closes|falls|happens|takes\s+place)\b|"
    # "rule 4412 now allows ports 443": a thing's present state, not a time ("now works for me" is one)
    r"(?<=[a-z0-9] )now[ \t]+(?!works|suits|is\b|does|lets|thanks|cheers|pls|yes|plus)[a-z]{3,}s\b|"
    r"(?:\b(?:is|are|was|were|am|be|been|here|there)|['\u2019](?:s|re|m))\s+(?:right\s+)?now\b"
)
# "a 24-hour pharmacy", "24 hour support": open round the clock, not a length of time.
_ROUND_THE_CLOCK = re.compile(
    r"\b24[\s-]hours?\s+(?:pharmac(?:y|ies)|chemists?|stores?|shops?|supermarkets?|diners?|cafes?|gyms?|"
    r"clinics?|garages?|petrol|gas\s+stations?|locksmiths?|support|service|helpline|hotline|access|"
    r"security|reception|front\s+desk|concierge|news|coverage|emergency|vets?|daycare|restaurants?|"
    r"convenience|laundromats?|opening)\b"
)
# "Flat 9/30", "Unit 4-12", "#3/15": a flat, unit or lot number written like a date.
_ADDRESS_NUMBER = re.compile(
    r"(?:\b(?:flat|unit|apt|apartment|suite|ste|block|blk|room|rm|lot|plot|no\.)|#"
    r"|\b(?:jalan|jln|lorong|lrg)\s+[a-z]{0,4})\s*\d{1,4}\s*[/-]\s*\d{1,4}\b"
    # "12/3 MG Road", "4/27 Noon Street": a house number before a street
    r"|\b\d{1,4}\s*/\s*\d{1,4}(?=,?\s+(?:[a-z][\w.'-]*\s+){0,3}(?:road|rd|street|st|avenue|ave|lane|ln|"
    r"marg|nagar|drive|dr|place|pl|boulevard|blvd|close|crescent|way|terrace|court|ct)\b)"
)
# "ran the marathon in 3:45", "the timer ends in 0:30": a clock after "in" is how long, not when.
_IN_CLOCK = re.compile(
    r"(?<!gets )(?<!get )(?<!got )(?<!comes )(?<!came )(?<!getting )(?<!coming )"  # "gets in 18:42": arrives
    r"(?<!-)\bin\s+"  # ("check-in 15:00", "log-in 9:00": when it opens)
    r"\d{1,2}:[0-5]\d(?::[0-5]\d)?(?![\d:]|\s*(?:[ap]\.?m\b|o'?\s?clock|h\b|hrs?\b))"
    rf"(?!\s+(?:on\s+|the\s+)?(?:{MONTH}|{WEEKDAY}|{DAY_WORD}|\d))"
)
# Weekdays that name no day: a greeting ("Happy Friday!"), any Friday at all ("it falls on a Friday",
# "any Monday works"), the idiom "it's 5 o'clock somewhere", a programme ("the 6 o'clock news"); and
# durations that are manners of speaking ("give me a minute", "hang on a sec") or a share of a working
# day ("a half day", "a full day"), not 60 seconds or 12 hours.
_NO_DAY = re.compile(
    rf"\b(?:happy\s+(?:{WEEKDAY})|(?:a|an|any)\s+(?:\d[\d,]*\s+)?(?:{WEEKDAY})(?![\w'\u2019])|"
    r"(?:\d{1,2}|[a-z]+)\s*o'?\s?clock\s+(?:somewhere|news|bulletin|show)|"
    r"(?:give\s+(?:me|us|him|her|them|it)|wait|just|hang\s+on|hold\s+on)\s+(?:a|one)\s+"
    r"(?:minute|min|moment|mo|sec|second|tick)|"
    r"(?:a\s+)?(?:half|full)[\s-]day)\b"
)

# Words that open the next clause of an unpunctuated message ("Friday 3pm Thanks, J.", "Monday Let me
# know"): after a date they start a sentence, not a name.
_CLAUSE_OPENING_WORDS = frozenset(
    {"thanks", "thank", "thx", "ty", "cheers", "regards", "best", "kind", "warm", "many", "sincerely"}
    | {"see", "talk", "speak", "let", "let's", "please", "pls", "can", "could", "would", "will", "shall"}
    | {"do", "does", "is", "are", "ok", "okay", "sure", "yes", "no", "great", "perfect", "sounds", "hope"}
    | {"looking", "if", "then", "so", "also", "we", "you", "he", "she", "they", "it", "my", "our", "your"}
)
# Capitalised words that may follow a capitalised date word inside one expression or sentence.
_DATE_WORDS = frozenset(
    {*MONTHS, *WEEKDAYS, *DAY_PART_WORDS, "eve", "day", "morning", "noon", "midnight"}
    | {"at", "on", "in", "the", "and", "or", "to", "for", "from", "with", "by", "of", "i", "a", "an"}
    | {"am", "pm", "a.m.", "p.m.", "time", "eastern", "pacific", "central", "mountain"}
    | _CLAUSE_OPENING_WORDS
)
_CAPITALISED_NEXT = re.compile(r"[ \t]+(?!I(?:['\u2019](?:m|ll|ve|d)|\b))(?P<word>[A-Z][\w.'\u2019-]*)")


# Any other plural noun right after a holiday is a thing named for it too ("Labor Day mattresses",
# "Diwali greetings"); these words ending in -s are what is said of the day instead.
_PLURAL_AFTER = re.compile(r"(?:[ \t]+|-)(?P<word>[a-z]{2,}s)\b(?!['\u2019])")
_SAID_OF_A_DAY = frozenset(
    {
        "is",
        "was",
        "has",
        "does",
        "falls",
        "lands",
        "works",
        "suits",
        "means",
        "starts",
        "begins",
        "ends",
        "comes",
        "seems",
        "looks",
        "sounds",
        "gets",
        "goes",
        "feels",
        "makes",
        "counts",
        "happens",
        "remains",
        "stays",
        "needs",
        "moves",
        "changes",
        "lasts",
        "runs",
        "takes",
        "brings",
        "marks",
        "kicks",
        "always",
        "also",
        "this",
        "its",
        "us",
        "plans",
        "thanks",
        "cheers",
        "regards",
        *MEALS,
    }
)


def names_a_thing(text: str, name: str, end: int) -> bool:
    """The holiday ``name`` ending at ``end`` is a modifier of a thing named for it."""
    m = _THING_AFTER.match(text, end)
    if m is None:
        plural = _PLURAL_AFTER.match(text, end)
        return plural is not None and plural["word"] not in _SAID_OF_A_DAY
    return not (name.endswith(" eve") and m["thing"] in ("party", "parties"))


def good_friday_is_a_friday(text: str, name: str, start: int) -> bool:
    """``a good Friday``: an article before "good Friday" makes it a Friday that is good."""
    return name == "good friday" and _ARTICLE_BEFORE.search(text, 0, start) is not None


def verb_not_weekday(text: str, word: str, end: int) -> bool:
    """A short weekday name used as a verb ("Sat next to Priya")."""
    return word == "sat" and _VERB_SAT.match(text, end) is not None


# "the small one has 12 years": an age, as other languages say it ("tiene 12 años"), not a length
_AGE = re.compile(
    r"\b(?:has|have)\s+\d{1,3}\s+years\b(?=[ \t]*(?:$|\n|[-.,;:!?()\x22\u2013\u2014]|and\b|but\b))"
)


def not_date_atoms(text: str) -> Iterator[Atom]:
    """Void atoms over schedules, idioms and phrases that only look temporal."""
    # Cheap substring tests first: most sentences hold none of these words.
    if "-" in text or "/" in text or "\u2013" in text:
        for m in _SCHEDULE.finditer(text):
            if WEEKDAYS[m["a"]] != WEEKDAYS[m["b"]] and not _SCHEDULE_OPENER.search(text, 0, m.start()):
                yield Atom("void", m.start(), m.end(), priority=5)
    for needle, pattern in (("day", _IDIOM), (" day", _SOMEDAY), ("now", _NOW_THAT)):
        if needle in text:
            for m in pattern.finditer(text):
                # "the game is now Tuesday at 8pm": the present state spoils no time beside it
                yield Atom("void", m.start(), m.end(), priority=5, weak=pattern is _NOW_THAT)
    if "/" in text or "-" in text:
        for m in _ADDRESS_NUMBER.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5, weak=True)
    if ":" in text:
        for m in _IN_CLOCK.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5, weak=True)
        for m in _RATIO.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5)  # "a 1:50 dilution"
        for m in _NEXT_DAY_MARK.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5)  # "arrives 06:55+1": which day, whose zone?
    if " to " in text or "-" in text or "thru" in text or "through" in text:
        for m in _WEEKDAYS_WITH_HOURS.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5)
    yield from slash_number_voids(text)
    yield from changed_quantity_voids(text)
    yield from colon_number_voids(text)
    yield from race_time_voids(text)
    if "year" in text:
        for m in _AGE.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5)
    if "24" in text:
        for m in _ROUND_THE_CLOCK.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5)
    if any(c.isdigit() for c in text):
        for pattern in (_LABELLED, _EVERY_FEW):
            for m in pattern.finditer(text):
                yield Atom("void", m.start(), m.end(), priority=5, weak=True)
    for m in _NO_DAY.finditer(text):
        yield Atom("void", m.start(), m.end(), priority=5, weak=True)  # spoils no neighbour


_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "at", "on", "in", "to", "for", "by", "with", "from", "is"}
    | {"as", "vs", "via", "per", "into", "onto", "over", "i"}
)


def _title_case(raw: str, skip: tuple[int, int]) -> bool:
    """The line holding ``skip`` is a headline: its words other than the first and those in ``skip``
    are all capitalised, small words aside (one lower-case word of content makes it a sentence)."""
    start = raw.rfind("\n", 0, skip[0]) + 1
    end = raw.find("\n", skip[0])
    line = re.finditer(r"[A-Za-z][\w'\u2019]*", raw[start : end if end >= 0 else len(raw)])
    words = [(start + w.start(), w[0]) for w in line][1:]
    kept = [w for at, w in words if not skip[0] <= at < skip[1]]
    content = [w for w in kept if w.lower() not in _SMALL_WORDS]
    small = [w for w in kept if w.lower() in _SMALL_WORDS and w != "I"]
    # small words all in lower case ("is on at the Prince Charles") are a sentence's, not a headline's
    headline_small = not small or any(w[0].isupper() for w in small)
    return len(content) >= 2 and all(w[0].isupper() for w in content) and headline_small


# "Tuesday Morning", "Sunday Night": a capitalised part of the day after a weekday, inside a sentence
# that is no headline, is the end of a name (a store, a show), not a morning.
_NAMED_PART = re.compile(rf"(?i:{WEEKDAY})\s+(?:Morning|Afternoon|Evening|Night)s?$")


# "Mr. Friday", "Dr May", "Aunt June": a title before a capitalised date word makes it a name.
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Dame|Lady|Lord|Aunt|Auntie|Uncle|Saint|Sister|Brother|Father|"
    r"Mother|Captain|Capt|Coach|Judge|Officer|Detective|Professor|Doctor)\.?\s+$"
)
# "the episode Midnight", "the song Tomorrow": a capitalised clock word after the kind of work it names.
_WORK_BEFORE = re.compile(
    r"\b(?:episode|film|movie|song|album|track|single|book|novel|show|series|play|poem|band|titled|entitled)\s+$",
    re.IGNORECASE,
)
_IS_A_WORK = re.compile(
    r"\s+(?:is|was)\s+(?:(?!when\b|on\b|where\b)[\w'\u2019-]+\s+){0,3}"
    r"(?:film|movie|theaters|theatres|cinemas?|book|novel|song|album|sequel|remake)s?\b",
    re.IGNORECASE,
)
# "rewatching Friday the 13th": a title of several capitalised words after a verb of watching.
_WATCHING_BEFORE = re.compile(
    r"\b(?:(?:re-?)?watch(?:ing|ed|es)?|binge(?:-?watch)?(?:ing|ed)?|stream(?:ing|ed)?)\s+$", re.IGNORECASE
)
# In lower-case chat the short titles, which are no other word, still make a name: "dr monday".
_LOWER_TITLE_BEFORE = re.compile(r"\b(?:dr|mr|mrs|ms|mx|prof)\.?\s+$")


_CODE = re.compile(r"[A-Z]{3,9}\d{1,4}|[A-Z]{2,9}-\d{1,5}")
_DOMAIN = re.compile(r"\.(?:com|io|org|net|app|co|ai|dev)\b")
_ENDS_WITH_A_CLOCK = re.compile(
    r"(?:\d[:.]\d\d(?:\s*[ap]\.?m\.?)?|\d\s*[ap]\.?m\.?)(?:\s*\([^()]*\))?$", re.IGNORECASE
)  # a zone in parentheses may follow: "10:00 AM-11:00 AM (UTC+09:00) Osaka, Sapporo"
_SHOUTED_NEXT = re.compile(r"[ \t]+[A-Z]{2,}\b")
# Words written in lower case unless they begin a name: "High Noon", "Midnight Express", "the Noon Hour".
_LOWER_CASE_WORDS = re.compile(r"(?:Noon|Midnight|Midday|Tonight|Tomorrow|Today|Morning|Evening|Afternoon)\b")
_CAPITALISED_BEFORE = re.compile(r"(?P<word>[A-Z][\w'\u2019-]*)[ \t]+$")
# A capitalised function word inside a sentence marks a title: "The Man Who Was Thursday".
_TITLE_WORDS = frozenset({"was", "were", "is", "who", "the", "of", "my", "a", "an", "and", "be", "been"})
# "Jack Sunday played the lead": a name, a weekday as its surname, and what that person did.
_SURNAME_DEED = re.compile(r"[ \t]+(?:[a-z]+ed|said|won|wrote|sang|told|ran|swam)\b")
_NOT_A_NAME = frozenset(
    {"next", "last", "this", "every", "each", "until", "since", "before", "after", "till", "by", "from", "on"}
    | {"only", "so", "then", "also", "but", "yes", "no", "ok", "okay", "sure", "maybe", "thanks", "hi", "hey"}
)


def _named_by_neighbours(raw: str, expression: TemporalExpression) -> bool:
    """The capitalised word before the expression makes it part of a name or a title."""
    m = _CAPITALISED_BEFORE.search(raw, 0, expression.span_start)
    if m is None:
        return False
    word = m["word"].lower()
    initial = opens_clause(raw[: m.start()])
    at = expression.span_start
    if word in _DATE_WORDS or word in _NOT_A_NAME or _title_case(raw, (at, at)):
        return False
    if m["word"].isupper() or opens_clause(raw[: expression.span_start]):
        return False  # "FYI Tomorrow at 7": a tag, not a name, stands before it
    if _LOWER_CASE_WORDS.match(expression.text):
        return True  # "High Noon is showing": nobody capitalises noon after a word, a name does
    if not initial and word in _TITLE_WORDS:
        return True
    first_word = expression.text.split()[0].lower().rstrip(".,")
    return (
        first_word in WEEKDAYS
        and not word.endswith(("ed", "ing"))
        and _SURNAME_DEED.match(raw, expression.span_end) is not None
    )


def in_a_proper_name(raw: str, expression: TemporalExpression) -> bool:
    """A capitalised expression followed by a capitalised non-date word: part of a name."""
    if not raw[expression.span_start : expression.span_start + 1].isupper():
        start = expression.span_start
        return _LOWER_TITLE_BEFORE.search(raw, max(0, start - 6), start) is not None
    shouted = _SHOUTED_NEXT.match(raw, expression.span_end)
    if shouted and not any(c.islower() for c in expression.text):
        return False  # "RESCHEDULED: THU 18 JUN 10:00 QUARTERLY REVIEW": capitals say nothing in capitals
    if _DOMAIN.match(raw, expression.span_end):
        return True  # "the Monday.com board": a web address
    if _CODE.fullmatch(expression.text) and not raw.isupper():
        return True  # "promo code OCT15", "Ticket MAY-12": a code in capitals in a mixed-case sentence
    if _TITLE_BEFORE.search(raw, max(0, expression.span_start - 14), expression.span_start):
        return True
    before = raw[max(0, expression.span_start - 20) : expression.span_start]
    if _LOWER_CASE_WORDS.match(expression.text) and _WORK_BEFORE.search(before):
        return True
    named = " " in expression.text and opens_clause(raw[: expression.span_start])
    if named and _IS_A_WORK.match(raw, expression.span_end):
        return True  # "Groundhog Day is the one film my dad quotes": the title of a work
    if " " in expression.text and _WATCHING_BEFORE.search(before):
        return True
    if _named_by_neighbours(raw, expression):
        return True
    if _NAMED_PART.match(expression.text) and not _title_case(
        raw, (expression.span_start, expression.span_end)
    ):
        return True
    if _ENDS_WITH_A_CLOCK.search(expression.text):
        return False  # "Jun 8, 2026 at 9:03 AM Carlos Reyes wrote": no name holds a clock time
    m = _CAPITALISED_NEXT.match(raw, expression.span_end)
    if m is None or m["word"].lower().rstrip(".") in _DATE_WORDS:
        return False
    if _title_case(raw, (expression.span_start, m.end())):
        return False
    return not re.match(r"\s+time\b|['\u2019]s\b", raw[m.end() :])
