"""Real servers for calendar tests, on 127.0.0.1 and stopped after the test:
Radicale (CalDAV, htpasswd login, storage in a temporary folder) and a small ICS web
server that answers ETag / If-None-Match like a calendar host."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

USER, PASSWORD = "giulia", "s3cret pass"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Radicale:
    url: str  # the server root
    user: str
    password_file: Path
    process: subprocess.Popen[bytes]

    def calendar_url(self, name: str = "work") -> str:
        return f"{self.url}{self.user}/{name}/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def start_radicale(folder: Path, port: int | None = None) -> Radicale:
    port = port or free_port()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
    (folder / "password").write_text(PASSWORD + "\n")
    config = folder / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {folder / 'users'}\n"
        "htpasswd_encryption = plain\n"
        f"[storage]\nfilesystem_folder = {folder / 'collections'}\n"
        "[logging]\nlevel = error\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return Radicale(f"http://127.0.0.1:{port}/", USER, folder / "password", process)
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError("Radicale did not start")


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Radicale]:
    server = start_radicale(tmp_path / "radicale")
    yield server
    server.stop()


def make_calendar(server: Radicale, name: str = "work") -> str:
    """Create a calendar collection as a calendar app would; returns its URL."""
    import caldav

    client = caldav.DAVClient(url=server.url, username=server.user,
                              password=PASSWORD, enable_rfc6764=False)  # fmt: skip
    client.principal().make_calendar(name=name, cal_id=name)
    return server.calendar_url(name)


@dataclass
class IcsHost:
    url: str
    body: bytes
    requests: list[str] = field(default_factory=list)  # "200" or "304" per GET
    server: ThreadingHTTPServer | None = None

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest() + '"'


@pytest.fixture
def ics_host() -> Iterator[IcsHost]:
    host = IcsHost("", b"")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.headers.get("If-None-Match") == host.etag:
                host.requests.append("304")
                self.send_response(304)
                self.end_headers()
                return
            host.requests.append("200")
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("ETag", host.etag)
            self.end_headers()
            self.wfile.write(host.body)

        def log_message(self, *args: object) -> None:
            pass

    host.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    host.url = f"http://127.0.0.1:{host.server.server_address[1]}/rep.ics"
    threading.Thread(target=host.server.serve_forever, daemon=True).start()
    yield host
    host.stop()


@dataclass
class FaultyProxy:
    """Forwards every request to a server, but answers 500 to the Nth request matching
    `method` and every one after it (a CalDAV server failing in the middle of a sync;
    the client's own retry fails too) until `fail_at` is cleared."""

    url: str
    method: str = "PUT"
    fail_at: int | None = None  # 1-based count of `method` requests; None: never
    seen: int = 0
    server: ThreadingHTTPServer | None = None

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def start_proxy(target: str) -> FaultyProxy:
    import requests

    proxy = FaultyProxy("")

    class Handler(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.command == proxy.method:
                proxy.seen += 1
                if proxy.fail_at is not None and proxy.seen >= proxy.fail_at:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            answer = requests.request(self.command, target.rstrip("/") + self.path,
                                      data=body, headers=headers, timeout=30)  # fmt: skip
            self.send_response(answer.status_code)
            for name, value in answer.headers.items():
                if name.lower() not in ("transfer-encoding", "content-encoding", "connection",
                                        "content-length"):  # fmt: skip
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_OPTIONS = _forward
        do_HEAD = do_POST = do_MKCALENDAR = do_PROPPATCH = _forward

        def log_message(self, *args: object) -> None:
            pass

    proxy.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    proxy.url = f"http://127.0.0.1:{proxy.server.server_address[1]}/"
    threading.Thread(target=proxy.server.serve_forever, daemon=True).start()
    return proxy
