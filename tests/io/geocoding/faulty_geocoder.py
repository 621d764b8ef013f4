"""A fault-injecting geocoding server on 127.0.0.1 (Nominatim's API).

Each request's fault is chosen by the place asked for (the structured ``city`` or the
free-text ``q``): ``ok``, ``status-503``, ``timeout``, ``object``, ``lat-95``, ``nan`` ...
so one geocoding run meets every fault, in any order, without a script of replies.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.io.geocoding.fake_nominatim import Reply, answer, place
from tests.local_http import running

OK = [place(44.4949, 11.3426, addresstype="building", place_rank=30)]
# fault -> (HTTP status, body: JSON-able or raw text, seconds to wait before answering)
FAULTS: dict[str, tuple[int, Any, float]] = {
    "ok": (200, OK, 0.0),
    "slow-ok": (200, OK, 0.2),
    "status-400": (400, {"error": "bad request"}, 0.0),
    "status-429": (429, [], 0.0),
    "status-500": (500, "Internal Server Error", 0.0),
    "status-502": (502, "<html>Bad Gateway</html>", 0.0),
    "status-503": (503, "Service Unavailable", 0.0),
    "status-504": (504, "Gateway Timeout", 0.0),
    "timeout": (200, OK, 2.0),
    "object": (200, {"result": {"lat": "44.5"}}, 0.0),
    "list-of-strings": (200, ["Bologna", "Italy"], 0.0),
    "error-object": (200, {"error": "Internal error: " + "x" * 500}, 0.0),
    "lat-95": (200, [place(95.0, 11.3)], 0.0),
    "lon-200": (200, [place(44.5, 200.0)], 0.0),
    "nan": (200, [{"lat": "nan", "lon": "11.3", "display_name": "nowhere"}], 0.0),
    "infinity": (200, [{"lat": "1e999", "lon": "11.3", "display_name": "far"}], 0.0),
    "string-lat": (200, [{"lat": "north", "lon": "east", "display_name": "?"}], 0.0),
    "missing-lon": (200, [{"lat": "44.5", "display_name": "half"}], 0.0),
    "html": (200, "<html><body>Welcome to nginx!</body></html>", 0.0),
    "empty-body": (200, "", 0.0),
    "null": (200, "null", 0.0),
    "truncated-json": (200, '[{"lat": "44.5", "lon": "11.', 0.0),
}


class FaultyGeocoder:
    def __init__(self) -> None:
        self.url = ""
        self.requests = 0
        self.lock = threading.Lock()

    @staticmethod
    def fault_of(path: str) -> str:
        params = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        asked = params.get("city") or params.get("q") or ""
        for fault in sorted(FAULTS, key=len, reverse=True):
            if fault in asked:
                return fault
        return "ok"


@contextmanager
def serve_faults() -> Iterator[FaultyGeocoder]:
    stub = FaultyGeocoder()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with stub.lock:
                stub.requests += 1
            status, body, delay = FAULTS[stub.fault_of(self.path)]
            headers = {"Retry-After": "0"} if status == 429 else {}
            answer(self, Reply(status, body, headers, delay))

        def log_message(self, format: str, *args: Any) -> None:
            return None

    with running(Handler) as url:
        stub.url = url
        yield stub
