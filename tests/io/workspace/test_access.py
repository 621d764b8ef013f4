"""Access rules enforced by PostgreSQL: a rep's own login cannot read or change another
rep's rows, even with raw SQL; a manager reads everything and assigns territories."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import psycopg
import pytest

from planner.cli.main import main
from planner.domain import Account, GeoPoint, Rep, Territory, WeekPlan
from planner.io.workspace import AccessDenied, Workspace, WorkspaceError
from planner.io.workspace.schema import SCHEMA_VERSION, WorkspaceVersionError
from tests.pgserver import PgServer

WEEK = date(2026, 11, 30)


def _login(url: str, user: str, password: str) -> str:
    return url.replace("tp_admin:admin-secret", f"{user}:{password}")


@pytest.fixture
def team(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A workspace with reps Anna (accounts a1, a2) and Bruno (b1), and logins for both
    and for a manager."""
    assert main(["workspace", "init", pg_url]) == 0
    with Workspace.open(pg_url) as ws:
        ws.save_reps([Rep("Anna", home=GeoPoint(44.5, 11.3)), Rep("Bruno", home=GeoPoint(45, 9))])
        ws.save_accounts([Account("A one", "a1"), Account("A two", "a2"), Account("B one", "b1")])
        ws.replace_territories([Territory("East", "Anna", frozenset({"id:a1", "id:a2"})),
                                Territory("West", "Bruno", frozenset({"id:b1"}))])  # fmt: skip
        ws.save_plan(WeekPlan("Anna", WEEK, "EUR", ()))
        ws.save_plan(WeekPlan("Bruno", WEEK, "EUR", ()))
    for login, args in (("anna", ["--role", "rep", "--rep", "Anna"]),
                        ("bruno", ["--role", "rep", "--rep", "Bruno"]),
                        ("maria", ["--role", "manager"])):  # fmt: skip
        monkeypatch.setattr("sys.stdin", _Stdin(f"{login}-pw\n"))
        assert main(["workspace", "add-user", pg_url, login, *args]) == 0
    return pg_url


class _Stdin:
    def __init__(self, text: str) -> None:
        self.text = text

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        return self.text


def test_a_rep_cannot_read_or_change_another_reps_rows_with_raw_sql(team: str) -> None:
    with psycopg.connect(_login(team, "anna", "anna-pw"), autocommit=True) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM accounts")}
        assert keys == {"id:a1", "id:a2"}
        assert [r for (r,) in conn.execute("SELECT rep_name FROM plans")] == ["Anna"]
        assert [n for (n,) in conn.execute("SELECT name FROM reps")] == ["Anna"]
        assert conn.execute("SELECT count(*) FROM territories").fetchone() == (1,)
        # writes to Bruno's rows touch nothing ...
        for sql in ("UPDATE accounts SET name = 'mine' WHERE key = 'id:b1'",
                    "DELETE FROM accounts WHERE key = 'id:b1'",
                    "UPDATE plans SET data = '{}' WHERE rep_name = 'Bruno'",
                    "DELETE FROM plans WHERE rep_name = 'Bruno'",
                    "UPDATE reps SET data = '{}' WHERE name = 'Bruno'"):  # fmt: skip
            assert conn.execute(sql).rowcount == 0, sql
        # ... and rows for him, or a territory of her own making, are refused
        for sql in ("INSERT INTO plans(rep_name, week_start, data, updated_at) "
                    "VALUES ('Bruno', '2026-12-07', '{}', 'now')",
                    "INSERT INTO accounts(key, name, data, updated_at) "
                    "VALUES ('id:b2', 'x', '{}', 'now')",
                    "UPDATE accounts SET key = 'id:b1' WHERE key = 'id:a1'",
                    "INSERT INTO account_owners VALUES ('id:b1', 'Anna')",
                    "UPDATE territories SET data = '{}'",
                    "INSERT INTO members VALUES ('anna2', 'manager', NULL)",
                    "ALTER TABLE accounts DISABLE ROW LEVEL SECURITY"):  # fmt: skip
            with pytest.raises(psycopg.errors.Error):
                conn.execute(sql)
        assert conn.execute("UPDATE accounts SET name = 'mine' WHERE key = 'id:a1'").rowcount == 1
    with psycopg.connect(_login(team, "bruno", "bruno-pw")) as conn:
        assert conn.execute("SELECT name FROM accounts").fetchall() == [("B one",)]


def test_the_store_as_a_rep_sees_their_own_territory_only(team: str) -> None:
    with Workspace.open(_login(team, "anna", "anna-pw")) as ws:
        assert [a.name for a in ws.accounts()] == ["A one", "A two"]
        assert [r.name for r in ws.reps()] == ["Anna"] and ws.plans() == [("Anna", WEEK)]
        ws.save_accounts([replace(ws.accounts()[0], stage="Won")])
        with pytest.raises(AccessDenied, match="anna may not"):
            ws.save_accounts([Account("B one", "b1", stage="stolen")])
        with pytest.raises(AccessDenied):
            ws.save_plan(WeekPlan("Bruno", WEEK, "EUR", (), notes=("mine",)))
        with pytest.raises(AccessDenied):
            ws.replace_territories([Territory("All", "Anna", frozenset({"id:b1"}))])
    with Workspace.open(_login(team, "maria", "maria-pw")) as ws:
        assert len(ws.accounts()) == 3 and len(ws.plans()) == 2
        assert ws.account_by_key("id:a1") is not None
        ws.replace_territories([Territory("All", "Bruno", frozenset({"id:a1", "id:b1"}))])
    with Workspace.open(_login(team, "anna", "anna-pw")) as ws:
        assert ws.accounts() == []  # the manager gave her accounts to Bruno


def test_bad_connections_and_schemas_say_what_is_wrong(team: str, pg_server: PgServer) -> None:
    with pytest.raises(WorkspaceError, match="wrong user name or password"):
        Workspace.open(_login(team, "anna", "nope"))
    down = team.replace(f":{pg_server.port}/", ":1/")
    with pytest.raises(WorkspaceError, match="cannot reach the PostgreSQL server"):
        Workspace.open(down)
    empty = team.rsplit("/", 1)[0] + "/postgres"
    with pytest.raises(WorkspaceError, match="holds no workspace: create it with"):
        Workspace.open(empty)
    with psycopg.connect(team, autocommit=True) as conn:
        conn.execute("UPDATE planner_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(WorkspaceVersionError, match="newer than this program"):
        Workspace.open(team)


def test_password_from_pgpass_and_environment(team: str, pg_server: PgServer, tmp_path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    bare = _login(team, "anna", "x").replace("anna:x@", "anna@")
    monkeypatch.setenv("PGPASSWORD", "anna-pw")
    with Workspace.open(bare) as ws:
        assert len(ws.accounts()) == 2
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:*:anna:anna-pw\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with Workspace.open(bare) as ws:
        assert len(ws.accounts()) == 2


def test_losing_the_database_mid_plan_is_one_message_and_no_write(pg_url: str, capsys) -> None:
    from tests.services.team_fixtures import fill_team

    names = fill_team(pg_url, per_rep=30, reps=1)
    dbname = pg_url.rsplit("/", 1)[1]

    def cut() -> None:
        with psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND application_name = 'territory-planner'",
                (dbname,),
            )

    timer = threading.Timer(2.0, cut)
    timer.start()
    args = ["plan", "--rep", names[0], "--week", "2026-03-02", "--time-limit", "6"]
    try:
        assert main([*args, "-w", pg_url]) == 1
    finally:
        timer.cancel()
    err = capsys.readouterr().err
    assert (
        "lost the connection to postgresql://tp_admin@127.0.0.1" in err and "Traceback" not in err
    )
    with Workspace.open(pg_url) as ws:
        assert ws.plans() == []
