"""A scripted Nominatim stand-in on 127.0.0.1: each request takes the next scripted answer."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.local_http import running


@dataclass
class Reply:
    status: int = 200
    body: Any = field(default_factory=list)  # JSON-able, or str sent verbatim
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


def place(lat: float, lon: float, **raw: Any) -> dict[str, Any]:
    """One Nominatim search result in format=json."""
    return {
        "place_id": 1,
        "lat": str(lat),
        "lon": str(lon),
        "display_name": raw.pop("display_name", "somewhere"),
        **raw,
    }


@dataclass
class Seen:
    path: str
    params: dict[str, str]
    user_agent: str
    at: float


class FakeNominatim:
    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.url = ""

    def next_reply(self, request: BaseHTTPRequestHandler) -> Reply:
        parts = urlsplit(request.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self.lock:
            ua = request.headers.get("User-Agent", "")
            self.seen.append(Seen(parts.path, params, ua, time.monotonic()))
            # The last reply repeats once the script runs out.
            return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


def answer(request: BaseHTTPRequestHandler, reply: Reply) -> None:
    """Send ``reply`` (after its delay); a client that hung up meanwhile is no error."""
    if reply.delay_s:
        time.sleep(reply.delay_s)
    body = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
    data = body.encode()
    try:
        request.send_response(reply.status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client timed out and hung up: that is what the test wanted


@contextmanager
def serve(replies: list[Reply]) -> Iterator[FakeNominatim]:
    fake = FakeNominatim(replies)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer(self, fake.next_reply(self))

        def log_message(self, format: str, *args: Any) -> None:
            return None

    with running(Handler) as url:
        fake.url = url
        yield fake
