"""Opaque page tokens for list tools, tagged so that tokens from other listings are rejected.

Two kinds: short listings (calendars, ACL rules) page by offset; event listings page by *key*
(the sort key of the last item sent), so a page costs the same however deep it is, and rows
written between two pages neither repeat nor vanish.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from env.errors import ToolFailure, invalid_field


def _foreign(token: str) -> ToolFailure:
    return invalid_field(
        "pageToken",
        "the nextPageToken returned by the previous page of this same listing",
        token,
        "unknown or foreign page token",
    )


def encode_token(listing: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{listing}:{offset}".encode()).decode().rstrip("=")


def decode_token(listing: str, token: str | None) -> int:
    """The offset a token stands for; a token from elsewhere is a validation_error."""
    if token is None:
        return 0
    try:
        padded = token + "=" * (-len(token) % 4)
        tag, offset = base64.urlsafe_b64decode(padded.encode()).decode().rsplit(":", 1)
        value = int(offset)
        if tag != listing or value < 0:
            raise ValueError(tag)
        return value
    except (ValueError, UnicodeDecodeError) as exc:
        raise _foreign(token) from exc


def page(items: list[Any], listing: str, token: str | None, max_results: int) -> tuple[list[Any], str | None]:
    """One page of ``items`` and the token for the next page (None on the last page)."""
    offset = decode_token(listing, token)
    chunk = items[offset : offset + max_results]
    next_offset = offset + max_results
    return chunk, (encode_token(listing, next_offset) if next_offset < len(items) else None)


Key = tuple[Any, ...]


def encode_key_token(listing: str, key: Key) -> str:
    """A token that resumes ``listing`` after the item whose sort key is ``key``."""
    blob = json.dumps([listing, list(key)], separators=(",", ":"))
    return base64.urlsafe_b64encode(blob.encode()).decode().rstrip("=")


def decode_key_token(listing: str, token: str | None, shape: tuple[type, ...]) -> Key | None:
    """The key a token resumes after (None without a token); a foreign token is a validation_error.

    ``shape`` gives the type of each key component, so a token from a listing with another order
    (or a hand-made one) is refused rather than compared.
    """
    if token is None:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        tag, key = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if tag != listing or not isinstance(key, list) or len(key) != len(shape):
            raise ValueError(tag)
        values = []
        for value, kind in zip(key, shape, strict=True):
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if type(value) is not kind:
                raise ValueError(value)
            values.append(value)
        return tuple(values)
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise _foreign(token) from exc
