"""Opaque page tokens for list tools (an offset, tagged so tokens from other listings are rejected)."""

from __future__ import annotations

import base64
from typing import Any

from env.errors import ToolFailure, invalid_field


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
        failure: ToolFailure = invalid_field(
            "pageToken",
            "the nextPageToken returned by the previous page of this same listing",
            token,
            "unknown or foreign page token",
        )
        raise failure from exc


def page(items: list[Any], listing: str, token: str | None, max_results: int) -> tuple[list[Any], str | None]:
    """One page of ``items`` and the token for the next page (None on the last page)."""
    offset = decode_token(listing, token)
    chunk = items[offset : offset + max_results]
    next_offset = offset + max_results
    return chunk, (encode_token(listing, next_offset) if next_offset < len(items) else None)
