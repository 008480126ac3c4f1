"""People for a held-out world: who collides with whom, their emails, and how users misspell them.

Every world plants the same collision shapes with different names: a *trio* sharing a first name
(the first two with last names where one is a prefix of the other, "Jonas Berg" / "Jonas Bergström"),
a *duo* sharing another first name, a *same-name* pair (identical display names, different emails),
and people whose first name is unique in the world. Tasks may call the unique ones by first name
alone; the others only by something that singles them out, unless the task is about the ambiguity.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Literal

from evals.holdout.vocab import Organisation, PeopleVocab

Cohort = Literal["actor", "trio", "duo", "same", "unique"]

_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "đ": "d", "ð": "d"})
VOWELS = "aeiou"


@dataclass(frozen=True)
class Person:
    """One user of a generated world."""

    email: str
    first: str
    last: str
    zone: str
    title: str
    cohort: Cohort
    rank: int = 0
    """Position inside the cohort (trio 0/1/2, duo 0/1, ...)."""

    @property
    def display(self) -> str:
        return f"{self.first} {self.last}"


def fold_ascii(text: str) -> str:
    """``"Ó Briain"`` -> ``"O Briain"``: the letters an email local part is made of."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _local_part(first: str, last: str, style: str) -> str:
    first_part = "".join(c for c in fold_ascii(first).lower() if c.isalnum())
    last_part = "".join(c for c in fold_ascii(last).lower() if c.isalnum())
    if style == "flast":
        return f"{first_part[0]}{last_part}"
    if style == "first":
        return first_part
    if style == "first_last":
        return f"{first_part}_{last_part}"
    return f"{first_part}.{last_part}"


def _email(first: str, last: str, style: str, domain: str, taken: set[str]) -> str:
    """A free address in the organisation's style; falls back to first.last, then numbers."""
    for candidate_style in (style, "first.last"):
        local = _local_part(first, last, candidate_style)
        if f"{local}@{domain}" not in taken:
            break
    base, number = local, 2
    while f"{local}@{domain}" in taken:
        local, number = f"{base}{number}", number + 1
    email = f"{local}@{domain}"
    taken.add(email)
    return email


@dataclass(frozen=True)
class ZonePlan:
    """Zones to hand out: the actor's home zone and the remote ones every world must contain."""

    home: str
    odd: str
    southern: str
    northern: str
    others: tuple[str, ...]


def make_people(
    rng: random.Random, vocab: PeopleVocab, org: Organisation, domain: str, zones: ZonePlan, uniques: int
) -> list[Person]:
    """The actor first, then the trio, duo, same-name pair and ``uniques`` people with unique names."""
    taken: set[str] = set()
    titles = list(org.job_titles)
    rng.shuffle(titles)

    def title(index: int) -> str:
        return titles[index % len(titles)]

    firsts = rng.sample(vocab.first_names, uniques + 1)
    lasts = rng.sample(vocab.last_names, uniques + 6)
    trio_first = rng.choice(vocab.trio_first)
    duo_first = rng.choice([name for name in vocab.duo_first if name != trio_first])
    prefix_pair = rng.choice(vocab.prefix_last_pairs)
    same_first, same_last = rng.choice(vocab.same_full_names)
    remote = list(zones.others)
    rng.shuffle(remote)

    def other_zone(index: int) -> str:
        return remote[index % len(remote)]

    people = [
        Person(
            _email(firsts[0], lasts[0], org.email_style, domain, taken),
            firsts[0],
            lasts[0],
            zones.home,
            title(0),
            "actor",
        )
    ]
    trio = [
        (prefix_pair[0], zones.odd),
        (prefix_pair[1], zones.home),
        (lasts[1], zones.southern),
    ]
    for rank, (last, zone) in enumerate(trio):
        people.append(
            Person(
                _email(trio_first, last, org.email_style, domain, taken),
                trio_first,
                last,
                zone,
                title(1 + rank),
                "trio",
                rank,
            )
        )
    for rank, (last, zone) in enumerate(((lasts[2], zones.home), (lasts[3], zones.northern))):
        people.append(
            Person(
                _email(duo_first, last, org.email_style, domain, taken),
                duo_first,
                last,
                zone,
                title(4 + rank),
                "duo",
                rank,
            )
        )
    for rank, zone in enumerate((zones.home, other_zone(0))):
        people.append(
            Person(
                _email(same_first, same_last, org.email_style, domain, taken),
                same_first,
                same_last,
                zone,
                title(6 + rank),
                "same",
                rank,
            )
        )
    unique_zones = [zones.odd, zones.southern, zones.northern, zones.home, zones.home]
    for rank in range(uniques):
        zone = unique_zones[rank] if rank < len(unique_zones) else other_zone(rank)
        first, last = firsts[1 + rank], lasts[4 + rank]
        people.append(
            Person(
                _email(first, last, org.email_style, domain, taken),
                first,
                last,
                zone,
                title(8 + rank),
                "unique",
                rank,
            )
        )
    return people


def misspell(rng: random.Random, word: str) -> str:
    """A harmless misspelling a person might type: a doubled or dropped letter, two letters swapped.

    The result differs from ``word`` and keeps its first letter, so a reader still recognises it.
    """
    candidates: list[str] = []
    for i in range(1, len(word) - 1):
        if word[i] == word[i + 1]:
            candidates.append(word[:i] + word[i + 1 :])  # "Annette" -> "Anette"
    for i in range(1, len(word) - 2):
        a, b = word[i], word[i + 1]
        if a != b and a.isalpha() and b.isalpha() and (a in VOWELS) != (b in VOWELS):
            candidates.append(word[:i] + b + a + word[i + 2 :])  # "Karlsson" -> "Karlssno"
    for i in range(1, len(word)):
        if word[i] in "lnrst" and (i + 1 == len(word) or word[i + 1] != word[i]) and word[i - 1] != word[i]:
            candidates.append(word[: i + 1] + word[i] + word[i + 1 :])  # "Tamsin" -> "Tamssin"
    candidates = sorted({c for c in candidates if c.lower() != word.lower() and _plausible(word, c)})
    if not candidates:
        return word + word[-1]
    return rng.choice(candidates)


def _plausible(word: str, typo: str) -> bool:
    """A typo keeps the first two letters and never writes a letter three times running."""
    lower = typo.lower()
    tripled = any(lower[i] == lower[i + 1] == lower[i + 2] for i in range(len(lower) - 2))
    return typo[:2] == word[:2] and not tripled
