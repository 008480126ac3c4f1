"""Numbers that look like dates or times but are odds, ratings, fractions, meters, file numbers, verses.

* Betting odds: "went off at 11/4", "the 9/4 favourite", "7/2 underdogs", and any small fraction in a
  sentence about betting ("the bookies have the Storm at 5/1").
* Ratings out of 5 or 10: "rated it 4/5", "9/10 would recommend", "the food was superb 4/5", and a
  perfect score closing a sentence after a comma ("Demo went great, 10/10").
* Fractions: a whole number before one ("a 33 1/3 record", "Platform 9 3/4") and sums ("3/4 + 1/8").
* Time signatures: "in 3/4 time", "a 6/8 groove".
* File, case and claim numbers: "file number ERA 3/26", "case no. 12/2025".
* Scripture citations: "Psalm 23:4", "Romans 8:28", "1 Corinthians 13:4". Books that are also names or
  words ("John", "Mark", "Acts") cite a verse no clock is set to ("John 3:16"; "Mark 10:30" is left a
  time), or any verse in a sentence about a reading ("the Gospel reading was Mark 10:45").
* Ratios: "dilute 1:10", "a 1:50 mix", "the screen is 16:10".
* Sizes and counts: "size 8/10 or 12/14", "a 32/34 waist", "12/15 subtasks closed", "retry 3/5",
  "healthcheck ok (3/3)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.model import Atom

_FRACTION = r"\d{1,3}\s*/\s*\d{1,2}\b"
_ODDS = re.compile(
    r"\b(?:went\s+off\s+at|odds\s+(?:of\s+)?|priced\s+at|backed\s+at|at\s+odds\s+of|favou?rite\s+at)\s*"
    rf"{_FRACTION}"
    rf"|\b{_FRACTION}(?=\s+(?:joint[\s-]+)?(?:favou?rites?|fav|underdogs?|outsiders?|shots?|long[\s-]?shots?|"
    r"chance|against|odds[\s-]on)\b)"
)
_BETTING = re.compile(r"\b(?:bookies|bookmakers?|odds|punters?|bets?|betting|wagers?|tipsters?)\b")
_SMALL_FRACTION = re.compile(rf"(?<![\d/.:-]){_FRACTION}(?![/.:-]\d)")
_RATING = re.compile(
    r"(?:\b(?P<adj>great|good|superb|excellent|amazing|awesome|perfect|brilliant|fantastic|solid|decent|"
    r"lovely|outstanding|terrible|awful|tasty|delicious|fun)\s*,?\s*"
    r"|(?P<comma>,)\s*|\b(?P<verb>rated?|rates|rating|gave|gives?|given|scored?|scores|shot|shoots|a\s+solid|an\s+easy)"
    r"(?:\s+(?!(?:on|for|by|at|in)\b)[\w'\u2019-]+){0,3}?\s+|\b)"
    r"(?P<n>\d{1,3})\s*/\s*(?P<d>\d{1,3})\b(?P<word>\s*(?:stars?|would|out\s+of)\b)?"
    r"(?P<end>(?=\s*[.!]*\s*(?:$|[-\u2013(:;\x22'\u201d)]|thanks\b|cheers\b)|[.!?]+\s))?"
)
_MIXED_NUMBER = re.compile(r"(?<![\d/.:,-])\d{1,3}\s+(?:and\s+)?(?P<n>\d)\s*/\s*(?P<d>\d{1,2})\b(?!\s*/)")
_SUM = re.compile(rf"\b{_FRACTION}\s*[+*\u00d7\u00f7=]\s*(?:{_FRACTION})?|[+*\u00d7\u00f7=]\s*{_FRACTION}")
_METER = re.compile(
    r"\b\d{1,2}\s*/\s*(?:2|4|8|16)\s+(?:time|meter|metre|signature|time\s+signature|rhythm|groove|feel|waltz|"
    r"ballad|song|piece|tune|number|jig|riff|bars?|beat)\b"
    r"|\b(?:in|into)\s+\d{1,2}\s*/\s*(?:4|8|16)\b(?!\s*(?:at|on|from|by)\b)"  # "the riff is in 7/8"
)
# "6/6 in the left eye", "20/20 vision": eyesight, in a sentence about eyes
_EYESIGHT_WORDS = re.compile(r"\b(?:eyes?|vision|sight|acuity|optician|optometrist|snellen)\b")
_EYESIGHT = re.compile(r"\b(?:6|20)\s*/\s*\d{1,3}\b")
# "size 8/10 or 12/14", "a 32/34 waist": clothing sizes; "12/15 subtasks closed": a count done
_SIZE = re.compile(
    r"\bsizes?\s+(?:uk\s+|us\s+|eu\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*(?:or|and|,)\s*\d{1,2}\s*/\s*\d{1,2})*"
    r"|\b\d{2}\s*/\s*\d{2}\s+(?:waist|leg|inseam|jeans|trousers)\b"
)
_COUNT = re.compile(
    r"\b\d{1,3}\s*/\s*\d{1,3}\s+(?:\w+\s+)?(?:done|closed|complete|completed|finished|passed|passing|failed|"
    r"remaining|left|answered|correct|attended|present|signed|merged|resolved|green)\b"
)
# "retry 3/5", "attempt 2/3", "step 4/7", "(3/3)" after "ok": the how-many-th of a count
_NTH_OF = re.compile(
    r"\b(?:retry|retries|attempt|try|step|page|pg|part|round|question|test|check|episode|ep|disc|task|level|"
    r"stage|slide|frame|batch|shard|replica|node|pod|worker|chunk|item|lap|set|rep|game|leg|heat|match)"
    r"\s*#?\s*\d{1,3}\s*/\s*\d{1,3}\b"
    r"|\b(?:ok|okay|passed|failed|healthy|ready|up|done)\s*\(\s*\d{1,3}\s*/\s*\d{1,3}\s*\)"
)
# "my rating went from 1980 to 2024", "rent rose from 1200 to 1350": a quantity that changed, not years
_QUANTITY_CHANGE = re.compile(
    r"\b(?:rating|elo|mmr|score|rank|price|weight|cost|salary|rent|temperature|temp|count|total|headcount|"
    r"followers|subscribers|balance)\s+(?:has\s+|had\s+)?(?:went|go(?:es)?|gone|rose|risen|fell|fallen|jumped|"
    r"dropped|climbed|grew|grown|moved|increased|decreased)\s+(?:up\s+|down\s+)?from\s+\d[\d,]*\s+to\s+\d[\d,]*"
)
_FILE_NUMBER = re.compile(
    r"\b(?:file|case|claim|policy|docket|reference|ref)\s+(?:number\s+|no\.?\s*|#\s*)?(?:[a-z]{2,6}[\s-]?)?"
    r"\d{1,4}\s*/\s*\d{1,4}\b"
)


_BOOKS = (
    r"genesis|exodus|leviticus|deuteronomy|joshua|judges|chronicles|ezra|nehemiah|esther|psalms?|proverbs|"
    r"ecclesiastes|isaiah|jeremiah|lamentations|ezekiel|hosea|obadiah|jonah|micah|nahum|habakkuk|"
    r"zephaniah|haggai|zechariah|malachi|romans|corinthians|galatians|ephesians|philippians|colossians|"
    r"thessalonians|philemon|hebrews|revelation"
)
_NAMED_BOOKS = (
    r"john|mark|luke|matthew|acts|job|numbers|kings|samuel|daniel|joel|amos|"
    r"ruth|james|peter|jude|timothy|titus"
)
_VERSE = re.compile(
    rf"\b(?:(?P<book>{_BOOKS})|(?P<named>{_NAMED_BOOKS}))\s+\d{{1,3}}:(?P<verse>\d{{1,3}})\b(?!:)"
)


_SCRIPTURE_WORDS = re.compile(r"\b(?:reading|gospel|verse|scripture|passage|bible|sermon|psalm|chapter)s?\b")
# "Dilute 1:10", "a 1:50 mix", "the screen is 16:10": a ratio, not a time
_RATIO_CONTEXT = re.compile(
    r"\b(?:dilut\w*|ratio|aspect|screen|display|monitor|mix(?:ed)?)\b(?:\s+\w+){0,2}?\s+\d{1,2}:\d{1,2}\b(?!:)"
)


_LISTED_RATIO = re.compile(
    r"(?:\s+\w+){0,3}?\s*(?:,|\band\b|\bor\b|\bvs\.?)\s*(?P<ratio>\d{1,2}:\d{1,2})\b(?!:)"
)


# "Article 2:15 of the Code", "s. 12:3": a citation of law
_CITATION = re.compile(
    r"\b(?:articles?|art\.|sections?|sec\.|s\.|rules?|clauses?|paragraphs?|para\.|regulations?|reg\.|"
    r"chapters?|ch\.)\s*\d{1,3}:\d{1,3}\b|\u00a7\s*\d{1,3}:\d{1,3}\b"
)


def colon_number_voids(text: str) -> Iterator[Atom]:
    """Void atoms over scripture citations ("Psalm 23:4", "John 3:16") and ratios ("dilute 1:10")."""
    if ":" not in text:
        return
    scripture = _SCRIPTURE_WORDS.search(text) is not None  # "the reading was Mark 10:45"
    for m in _VERSE.finditer(text):
        if m["book"] or scripture or int(m["verse"]) % 15:
            yield Atom("void", m.start(), m.end(), priority=5)
    for m in _CITATION.finditer(text):
        yield Atom("void", m.start(), m.end(), priority=5)
    for m in _RATIO_CONTEXT.finditer(text):
        yield Atom("void", m.end() - len(m.group(0).split()[-1]), m.end(), priority=5)
        # "Ratio is 1:6 on days and 1:10 on nights": the ratios listed after it
        position = m.end()
        while listed := _LISTED_RATIO.match(text, position):
            yield Atom("void", listed.start("ratio"), listed.end("ratio"), priority=5)
            position = listed.end()


def slash_number_voids(text: str) -> Iterator[Atom]:
    """Void atoms over numbers with a slash that are odds, ratings, fractions, meters or file numbers."""
    if "/" not in text:
        return
    for pattern in (_ODDS, _METER, _FILE_NUMBER, _SUM, _SIZE, _COUNT, _NTH_OF):
        for m in pattern.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5, weak=True)
    if _BETTING.search(text):
        for m in _SMALL_FRACTION.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5, weak=True)
    if _EYESIGHT_WORDS.search(text):
        for m in _EYESIGHT.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5)
    for m in _MIXED_NUMBER.finditer(text):
        if 0 < int(m["n"]) < int(m["d"]) <= 16:
            yield Atom("void", m.start("n"), m.end("d"), priority=5)
    for m in _RATING.finditer(text):
        n, d = int(m["n"]), int(m["d"])
        last = m["end"] is not None
        perfect_last = m["comma"] is not None and last and n == d
        scale = d in (5, 10)  # an adjective or a comma before "8/10" rates; before "3/4" it may date
        worded = scale and (m["word"] or (m["adj"] and last))
        if (perfect_last and scale) or (n <= d and (m["verb"] or worded)):
            yield Atom("void", m.start("n"), m.end("d"), priority=5)


def changed_quantity_voids(text: str) -> Iterator[Atom]:
    """Void atoms over a quantity said to change between two numbers ("rating went from 1980 to 2024")."""
    if " from " not in text:
        return
    for m in _QUANTITY_CHANGE.finditer(text):
        yield Atom("void", m.start(), m.end(), priority=5)
