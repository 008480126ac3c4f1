"""The socket a multi-worker server listens on gives every connection ``TCP_NODELAY``.

Without it, Nagle's algorithm holds a response's body until the client acknowledges its headers,
and Linux delays that acknowledgement by 40 ms: every MCP call over ``--workers`` took 40 ms.
"""

from __future__ import annotations

import asyncio
import socket

from env.server.workers import tcp_listener


async def test_connections_accepted_on_the_workers_listener_have_nagle_off() -> None:
    listener = tcp_listener("127.0.0.1", 0)
    seen: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted: socket.socket = writer.get_extra_info("socket")
        seen.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(handle, sock=listener)
    async with server:
        port = listener.getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await reader.read()  # the server closes once it has looked
        writer.close()
    assert seen and seen[0] != 0
