"""Issue 20, *Why* "Tracebacks" (bad geocoder answers) and "Misleading messages" (503 is
not a time-out, no urllib3 dumps): a run against a fault-injecting server completes, and
every account is either placed or has a short, true reason."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Account, Address, Precision
from planner.io.geocoding import GeocodeConfig, ProviderConfig
from planner.io.workspace import Workspace
from planner.services.geocode_accounts import geocode_accounts
from tests.io.geocoding.faulty_geocoder import FAULTS, serve_faults

SHORT = 120  # characters: a reason a person reads in a table cell

EXPECTED_REASON = {
    "status-400": "refused the request (HTTP 400)",
    "status-429": "rate limit (HTTP 429); gave up after 2 attempts",
    "status-500": "server error (HTTP 500); gave up after 2 attempts",
    "status-502": "server error (HTTP 502); gave up after 2 attempts",
    "status-503": "unavailable (HTTP 503); gave up after 2 attempts",
    "status-504": "unavailable (HTTP 504); gave up after 2 attempts",
    "timeout": "timed out (no answer in 0.5 s); gave up after 2 attempts",
    "object": "sent an answer of an unexpected shape",
    "list-of-strings": "sent an answer of an unexpected shape",
    "error-object": "answered with an error: Internal error: xxx",
    "lat-95": "sent an impossible coordinate",
    "lon-200": "sent an impossible coordinate (44.5, 200.0)",
    "nan": "impossible coordinate",
    "infinity": "impossible coordinate",
    "string-lat": "unexpected shape",
    "missing-lon": "unexpected shape",
    "html": "sent an unreadable answer",
    "empty-body": "sent an unreadable answer",
    "truncated-json": "sent an unreadable answer",
    "null": "nominatim: no match",
}


def _provider(url: str, **changes: object) -> GeocodeConfig:
    provider = ProviderConfig(url=url, min_delay_s=0, timeout_s=0.5, max_retries=1,
                              backoff_s=0.01, max_failures_in_row=1000,
                              user_agent="tests/1")  # fmt: skip
    for name, value in changes.items():
        object.__setattr__(provider, name, value)
    return GeocodeConfig(order=("online",), provider=provider)


def _accounts(faults: list[str]) -> list[Account]:
    return [
        Account(f"{fault} #{i}", address=Address("Via Roma 1", fault, "40121", "", "IT"))
        for i, fault in enumerate(faults)
    ]


def test_tracebacks_bad_geocoder_answers_skip_the_account_and_the_run_goes_on() -> None:
    faults = [f for f in FAULTS if f not in ("ok", "slow-ok")]
    accounts = _accounts(["ok", *faults, "slow-ok"])
    with serve_faults() as stub:
        summary = geocode_accounts(accounts, _provider(stub.url))
    assert summary.attempted == len(accounts)
    assert summary.located == 2  # the first and the last: the faults in between stop nothing
    placed = {a.name for a in summary.accounts if a.precision is not Precision.NONE}
    assert placed == {"ok #0", f"slow-ok #{len(accounts) - 1}"}
    reasons = dict(summary.failures)
    for account in accounts[1:-1]:
        fault = account.address.city
        reason = reasons[account.name]
        assert len(reason) <= SHORT, (fault, reason)
        assert EXPECTED_REASON[fault] in reason, (fault, reason)
        assert "HTTPConnectionPool" not in reason and "Traceback" not in reason
    assert "timed out" not in reasons["status-503 #5"]  # HTTP 503 is not "timed out"


def test_misleading_messages_provider_left_alone_after_failures_still_gives_reasons() -> None:
    accounts = _accounts(["status-503"] * 4 + ["ok", "lat-95"])
    with serve_faults() as stub:
        summary = geocode_accounts(accounts, _provider(stub.url, max_failures_in_row=3))
        asked = stub.requests
    reasons = dict(summary.failures)
    assert len(reasons) == 6 and all(len(r) <= SHORT for r in reasons.values())
    assert reasons["ok #4"].startswith("nominatim: skipped for this run: nominatim unavailable")
    assert asked == 3 * 2  # three accounts, two attempts each; then no more requests


def test_misleading_messages_geocoder_down_gives_a_short_reason_not_a_urllib3_dump() -> None:
    with serve_faults() as stub:
        url = stub.url  # the server is stopped when the block ends: its port refuses
    summary = geocode_accounts(_accounts(["ok", "ok"]), _provider(url))
    reasons = [reason for _, reason in summary.failures]
    assert len(reasons) == 2
    assert reasons[0] == (
        "nominatim: nominatim unreachable (connection refused); gave up after 2 attempts"
    )
    assert all(len(r) <= SHORT for r in reasons)


def _workspace(path: Path, faults: list[str]) -> None:
    with Workspace.open(path) as ws:
        ws.save_accounts(_accounts(faults))


def _cli(path: Path, url: str) -> list[str]:
    return ["geocode", "-w", str(path), "--order", "online", "--url", url,
            "--min-delay", "0", "--user-agent", "tests/1"]  # fmt: skip


@pytest.mark.parametrize(
    ("faults", "code"), [(["ok", "ok"], 0), (["ok", "lat-95"], 3), (["lat-95", "nan"], 1)]
)
def test_misleading_messages_geocode_exits_0_all_3_some_1_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], faults: list[str], code: int
) -> None:
    path = tmp_path / "w.tpw"
    _workspace(path, faults)
    with serve_faults() as stub:
        assert main(_cli(path, stub.url)) == code
    if code == 1:
        assert "none of the 2 accounts tried could be geocoded" in capsys.readouterr().err


def test_sigterm_saves_what_geocoding_already_has(tmp_path: Path) -> None:
    path = tmp_path / "w.tpw"
    _workspace(path, ["slow-ok"] * 60)
    with serve_faults() as stub:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])}
        child = subprocess.Popen(
            [sys.executable, "-m", "planner", *_cli(path, stub.url)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while stub.requests < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "interrupted: the results obtained are saved" in err
    with Workspace.open(path) as ws:
        located = sum(a.precision is not Precision.NONE for a in ws.accounts())
    assert 10 <= located < 60
