"""Running the app under uvicorn with read deadlines and a bound on connections.

uvicorn closes idle keep-alive connections but waits for ever for the rest of a request
whose headers or body arrive slowly, so a few thousand partial requests could hold the
server's sockets. Here a request's headers must arrive within ``header_timeout`` seconds of
its first byte (or of the connection), and its body within ``body_timeout`` seconds of its
headers; otherwise the connection is closed. Connections beyond ``max_connections`` are
closed at once, and requests beyond it are answered 503 by uvicorn itself.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0
MAX_CONNECTIONS = 256


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with header and body read deadlines and a connection cap."""

    header_timeout = HEADER_TIMEOUT
    body_timeout = BODY_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        if self.limit_concurrency is not None and len(self.connections) > self.limit_concurrency:
            self.connections.discard(self)
            transport.close()
            return
        self._arm(self.header_timeout)

    def data_received(self, data: bytes) -> None:
        cycle = self.cycle
        super().data_received(data)
        if self.transport.is_closing():
            self._disarm()
        elif self.cycle is not cycle:  # the headers of a request are in
            if self.conn.their_state is h11.SEND_BODY:
                self._arm(self.body_timeout)
            else:
                self._disarm()
        elif self.conn.their_state is h11.DONE:
            self._disarm()
        elif self._deadline is None and (self.cycle is None or self.cycle.response_complete):
            self._arm(self.header_timeout)  # the first bytes of the next request on this connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _disarm(self) -> None:
        if getattr(self, "_deadline", None) is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.logger.info("closing a connection whose request did not arrive in time")
            self.transport.close()


def server_config(app: Any, host: str = "127.0.0.1", port: int = 8000, *, header_timeout: float = HEADER_TIMEOUT,
                  body_timeout: float = BODY_TIMEOUT, max_connections: int = MAX_CONNECTIONS,
                  log_level: str = "info") -> Config:
    """A uvicorn Config for ``app`` with the deadlines above (``uvicorn.Server(config).run()``)."""
    protocol = type("Deadlines", (DeadlineH11Protocol,), {"header_timeout": header_timeout,
                                                          "body_timeout": body_timeout})
    return Config(app, host=host, port=port, http=protocol, log_level=log_level, server_header=False,
                  timeout_keep_alive=5, h11_max_incomplete_event_size=64 * 1024,
                  limit_concurrency=max_connections)
