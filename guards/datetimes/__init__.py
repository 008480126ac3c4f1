"""Datetime normalisation and extraction.

* :func:`normalize_datetime` turns what agents write ("02/11/2026 9:30 AM", "tomorrow 3pm",
  "9am Tokyo time") into RFC 3339 with the right offset, or raises a :class:`DatetimeError`
  (:class:`DatetimeParseError` / :class:`DatetimeAmbiguityError`) whose ``to_error(tool, field)``
  is the wire-format ``format_error``.
* :func:`extract_datetimes` finds and resolves the temporal expressions in a user's request.

Precision first: every expression returned is right or marked ``ambiguous`` with its readings; an
expression the parser only half understands is not returned at all. In particular:

* **Zone abbreviations** follow one rule in both functions (:mod:`guards.datetimes.zones`): an
  abbreviation that contradicts its zone's season on the date in question ("3pm PST" in July) is
  ambiguous, with the fixed offset and the zone's wall time as readings; generic names ("PT", "ET")
  are the zone's wall time; abbreviations naming several zones ("CST", "IST") are ambiguous; unknown
  ones ("3pm BRT") and unknown places ("9am Accra time") abstain.
* **Another person's time** ("9am Jonas's time", "her morning") sets ``zone_owner`` on the
  expression; without a ``zone_for_owner`` resolver giving that person's zone it is ambiguous, and
  :func:`normalize_datetime` raises :class:`ZoneOwnerError` naming whose zone is needed
  (:mod:`guards.datetimes.owners`).
* **Day parts** never flip a clock time to the other half of the day ("night 9:30" is 21:30); a
  contradiction ("10pm in the morning") abstains (:mod:`guards.datetimes.dayparts`).
* **Holidays** are the reader's country's (from their zone): "Thanksgiving" is October in Toronto,
  "Labour Day" is state-dependent in Australia; a name whose day differs by country is ambiguous for a
  reader of unknown country (:mod:`guards.datetimes.holiday_calendar`). An unknown word glued to a
  weekday ("Super Tuesday") abstains rather than resolve the weekday.

Libraries: public holidays come from ``holidays`` (country and state rules, lunar and equinox days:
not worth re-deriving), moveable feasts from ``dateutil.easter``, zones from ``zoneinfo``/``tzdata``
(including tzdata's ``zone.tab`` for a zone's country). Number words and zone abbreviations are small
tables here: the number words a time or date uses are a closed set, and no library says which zone a
person means by an abbreviation.
"""

from guards.datetimes.errors import DatetimeAmbiguityError, DatetimeError, DatetimeParseError
from guards.datetimes.extract import extract_datetimes
from guards.datetimes.model import Reading, TemporalExpression
from guards.datetimes.normalize import NormalizedDatetime, normalize_datetime
from guards.datetimes.owners import ZoneOwnerError

__all__ = [
    "DatetimeAmbiguityError",
    "DatetimeError",
    "DatetimeParseError",
    "NormalizedDatetime",
    "Reading",
    "TemporalExpression",
    "ZoneOwnerError",
    "extract_datetimes",
    "normalize_datetime",
]
