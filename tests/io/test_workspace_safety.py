"""Issue 20, *Why* "Foreign files modified" and the workspace tracebacks: a file that is
not a workspace is refused with its bytes unchanged, a mistyped path is an error, and a
full disk, a lock, a read-only file or a damaged file each give one true sentence."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Account
from planner.io.workspace import Workspace, WorkspaceError
from planner.io.workspace.db import SqliteDatabase
from planner.io.workspace.safety import APPLICATION_ID
from planner.services.failures import explain
from planner.services.import_accounts import import_accounts


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def _other_app(path: Path, application_id: int = 0) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE songs(id INTEGER PRIMARY KEY, title TEXT);"
        "INSERT INTO songs(title) VALUES ('Volare'), ('Azzurro');"
    )
    if application_id:
        conn.execute(f"PRAGMA application_id = {application_id}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("application_id", [0, 0x4D504146])
def test_foreign_files_modified_other_sqlite_file_keeps_its_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], application_id: int
) -> None:
    other = tmp_path / "other_app.sqlite"
    _other_app(other, application_id)
    before, files = _digest(other), _siblings(other)
    assert main(["accounts", "-w", str(other)]) == 1
    err = capsys.readouterr().err
    assert "another program's" in err and "not a workspace" in err and "Traceback" not in err
    assert main(["import", "-w", str(other), str(tmp_path / "missing.csv")]) == 1
    assert _digest(other) == before
    assert _siblings(other) == files  # no -wal / -shm either


def test_foreign_files_modified_text_file_is_not_a_workspace(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 20, encoding="utf-8")
    before = _digest(notes)
    with pytest.raises(WorkspaceError, match="is not a workspace file"):
        Workspace.open(notes)
    assert _digest(notes) == before


def test_foreign_files_modified_mistyped_path_is_an_error_not_a_new_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "teritory.tpw"
    assert main(["accounts", "-w", str(typo)]) == 1
    assert "no workspace at" in capsys.readouterr().err
    assert not typo.exists()
    assert main(["accounts", "-w", str(typo), "--create"]) == 0
    assert typo.exists()


def test_workspaces_are_stamped_and_older_ones_still_open(tmp_path: Path) -> None:
    path = tmp_path / "old.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts([Account("Alfa")])
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.execute("PRAGMA application_id = 0")  # as written before the id existed
    conn.close()
    with Workspace.open(path) as ws:
        assert [a.name for a in ws.accounts()] == ["Alfa"]


def test_tracebacks_workspace_from_a_newer_version_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.tpw"
    Workspace.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    assert main(["accounts", "-w", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "update Territory planner" in err


def test_tracebacks_damaged_workspace_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "damaged.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts([Account(f"Account {i}", notes="x" * 400) for i in range(200)])
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xff" * 8192  # pages 2 and 3: b-tree pages now garbage
    path.write_bytes(bytes(data))
    assert main(["accounts", "-w", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "damaged" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_tracebacks_debug_flag_shows_the_detail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.tpw"
    Workspace.open(path).close()
    sqlite3.connect(path).execute("PRAGMA user_version = 999").connection.close()
    assert main(["accounts", "-w", str(path), "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def _connection(ws: Workspace) -> sqlite3.Connection:
    db = ws.database
    assert isinstance(db, SqliteDatabase)
    return db.conn


def _csv(tmp_path: Path, rows: int) -> Path:
    source = tmp_path / "accounts.csv"
    lines = [f"Account {i},Via Roma {i},Bologna,{'n' * 300}" for i in range(rows)]
    source.write_text("name,street,city,notes\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return source


def test_tracebacks_full_disk_rolls_back_once_and_says_disk_full(tmp_path: Path) -> None:
    path = tmp_path / "full.tpw"
    ws = Workspace.open(path)
    ws.save_accounts([Account("Kept")])
    conn = _connection(ws)
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # SQLite then reports SQLITE_FULL
    with pytest.raises(sqlite3.OperationalError) as caught:
        import_accounts(ws, _csv(tmp_path, 2000))
    assert "full" in str(caught.value)  # not "cannot rollback - no transaction is active"
    assert [a.name for a in ws.accounts()] == ["Kept"]
    assert explain(caught.value, path).message.startswith(f"the disk holding {path} is full")
    ws.close()


def test_tracebacks_read_only_workspace_on_import(tmp_path: Path) -> None:
    path = tmp_path / "ro.tpw"
    with Workspace.open(path) as ws:
        # As root a chmod does not stop writes; query_only gives the same SQLITE_READONLY.
        _connection(ws).execute("PRAGMA query_only = ON")
        with pytest.raises(sqlite3.OperationalError) as caught:
            import_accounts(ws, _csv(tmp_path, 3))
    message = explain(caught.value, path).message
    assert message.startswith(f"{path} cannot be written (a read-only file or folder)")


def test_tracebacks_lock_held_by_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "busy.tpw"
    Workspace.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with Workspace.open(path) as ws:
        _connection(ws).execute("PRAGMA busy_timeout = 100")  # not the 30 s of real use
        with pytest.raises(sqlite3.OperationalError) as caught:
            import_accounts(ws, _csv(tmp_path, 3))
    assert "in use by another Territory planner" in explain(caught.value, path).message
    holder.execute("ROLLBACK")
    holder.close()


def test_tracebacks_memory_error_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr("planner.cli.import_cmd.import_accounts", exhausted)
    code = main(["import", str(_csv(tmp_path, 3)), "-w", str(tmp_path / "w.tpw")])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: not enough memory") and err.count("\n") == 1
