"""Typography that changes nothing a reader sees: curly quotes, dashes, no-break and repeated spaces, emoji.

Mail clients and word processors write a no-break space in "Friday 9am", an en dash in "9-11", a
curly apostrophe in "o'clock" and double spaces where a keyboard writes plain ones; the recognisers
are written for the plain forms. :func:`plain` gives the text the recognisers read and where each of
its characters came from, so that spans found in it index the text as written (:func:`as_written`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from guards.datetimes.model import TemporalExpression

_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
    }
)
_SPACES = re.compile(r" {2,}")
# An emoji ends what it follows as a comma would ("the 18th to the 22nd 👴 he wants"); its modifiers
# (skin tones, the emoji variation selector, zero-width joiners) are spaces.
_EMOJI = re.compile("[\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001f3fa\U0001f400-\U0001faff]")
_EMOJI_MODIFIER = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff]")


@dataclass(frozen=True)
class PlainText:
    """``text`` as the recognisers read it; ``origin[i]`` is where its ``i``-th character was written."""

    text: str
    origin: tuple[int, ...]


def plain(written: str) -> PlainText | None:
    """The plain form of ``written``, or ``None`` when it is plain already (the common case)."""
    text = written.translate(_SAME_LENGTH)
    if _EMOJI.search(text):
        text = _EMOJI_MODIFIER.sub(" ", _EMOJI.sub(",", text))
    if "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return None if text == written else PlainText(text, tuple(range(len(text))))
    kept: list[str] = []
    origin: list[int] = []
    previous_space = True  # leading spaces go
    for index, char in enumerate(text):
        if char == " " and previous_space:
            continue
        kept.append(char)
        origin.append(index)
        previous_space = char == " "
    while kept and kept[-1] == " ":
        kept.pop()
        origin.pop()
    return PlainText("".join(kept), tuple(origin))


def as_written(expression: TemporalExpression, written: str, plain_text: PlainText) -> TemporalExpression:
    """``expression`` found in ``plain_text``, with its span and text in ``written``."""
    start = plain_text.origin[expression.span_start]
    end = plain_text.origin[expression.span_end - 1] + 1
    return replace(expression, text=written[start:end], span_start=start, span_end=end)
