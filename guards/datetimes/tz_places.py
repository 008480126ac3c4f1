"""Where tzdata's zones are: each zone's country and the city it is named after (from ``zone.tab``).

The reader's country decides whose holidays a day name means (:mod:`holiday_calendar`) and which zone
an abbreviation naming several means (:mod:`zones`); a city tzdata names a zone after is a place a
time can be in ("9am Kolkata time").
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

_FIXED_OFFSET = re.compile(r"UTC(?P<sign>[+-])(?P<h>\d\d):(?P<m>\d\d)")


def zone_info(zone: str) -> tzinfo:
    """The tzinfo of an IANA name, or of the "UTC-01:00" a written offset names ("10am UTC-1")."""
    fixed = _FIXED_OFFSET.fullmatch(zone)
    if fixed is None:
        return ZoneInfo(zone)
    minutes = int(fixed["h"]) * 60 + int(fixed["m"])
    return timezone(timedelta(minutes=-minutes if fixed["sign"] == "-" else minutes))


@lru_cache(maxsize=1)
def zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country code, from tzdata's ``zone.tab`` (plus the common links)."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    countries: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            countries[fields[2]] = fields[0]
    countries.update(
        {"Asia/Calcutta": "IN", "Australia/Canberra": "AU", "US/Eastern": "US", "US/Pacific": "US"}
    )
    return countries


@lru_cache(maxsize=1)
def zone_cities() -> dict[str, str]:
    """City -> IANA zone for every city tzdata names a zone after ("kolkata" -> "Asia/Kolkata")."""
    return {
        zone.rsplit("/", 1)[-1].replace("_", " ").lower(): zone for zone in zone_countries() if "/" in zone
    }
