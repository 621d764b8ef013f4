"""A tiny HTTP file server on 127.0.0.1 with Range support and faults to order."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.local_http import running


@dataclass
class Files:
    """Served files by path, and faults: `cut_after` bytes of a body, then hang up."""

    content: dict[str, bytes] = field(default_factory=dict)
    cut_after: int | None = None
    ranges: list[str] = field(default_factory=list)  # Range headers received


def _handler(files: Files) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep the test output clean
            return None

        def do_GET(self) -> None:
            body = files.content.get(self.path)
            if body is None:
                self.send_error(404)
                return
            start = 0
            wanted = self.headers.get("Range")
            if wanted:
                files.ranges.append(wanted)
                start = int(wanted.removeprefix("bytes=").split("-")[0])
                if start >= len(body):
                    self.send_error(416)
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            payload = body[start:]
            if files.cut_after is not None and self.path.endswith(".pbf"):
                self.wfile.write(payload[: files.cut_after])
                self.wfile.flush()
                files.cut_after = None  # one failure, then serve normally
                self.close_connection = True
                return
            self.wfile.write(payload)

    return Handler


def serving(files: Files) -> AbstractContextManager[str]:
    """Serve `files` on 127.0.0.1 (a free port); yields the base URL."""
    return running(_handler(files))
