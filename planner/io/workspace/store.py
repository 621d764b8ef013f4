"""The workspace: everything the planner knows about a territory, behind one interface.

A SQLite file by default (one rep, one desktop); a PostgreSQL database for a team
(`postgresql://user@host:port/db`, see postgres.py and access.py). The same methods, the
same SQL (db.py) and the same migrations (schema.py) serve both; base.py opens either.

Every multi-row write runs in one transaction (`with ws.transaction(): ...`): a crash, a
kill or a lost connection leaves either the old or the new state, never a mix. Accounts
and plans carry row versions (versions.py): an edit of a row someone else changed since
it was read is refused with a ConflictError. Domain objects are stored as JSON through
planner.io.codec.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import batched
from typing import Any

import orjson

from planner.domain import Account, Rep, Territory, WeekPlan
from planner.io import codec
from planner.io.workspace.base import CHUNK, default_workspace_path, dumps, now, plan_key
from planner.io.workspace.caches import RecordStore

__all__ = ["Workspace", "default_workspace_path"]

# What another handle's insert, update (versions only grow) or delete changes; this
# handle's own writes drop the kept list outright.
_ACCOUNTS_FINGERPRINT = (
    "SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(updated_at), ''), "
    "COALESCE(MAX(rowid), 0), COALESCE(SUM(LENGTH(data)), 0) FROM accounts"
)


class Workspace(RecordStore):
    """A handle on one workspace (file or team database). Thread-safe."""

    _account_memo: tuple[tuple[Any, ...], list[Account]] | None = None  # see accounts()

    # accounts -------------------------------------------------------------------------
    def _read_accounts(self, sql: str, params: Iterable[Any] = ()) -> list[Account]:
        out = []
        for key, version, data in self._query(sql, params):
            self._seen.remember("accounts", key, int(version))
            out.append(codec.account_from_dict(orjson.loads(data)))
        return out

    def accounts(self) -> list[Account]:
        """Every account, in import order. Decoding 25,000 accounts takes about a second,
        so the list is kept and handed out again while the table's fingerprint (rows,
        versions, last change, last row) shows that nobody has changed it since."""
        stamp = tuple(self._query(_ACCOUNTS_FINGERPRINT)[0])
        memo = self._account_memo
        if memo is not None and memo[0] == stamp:
            return list(memo[1])
        accounts = self._read_accounts("SELECT key, version, data FROM accounts ORDER BY rowid")
        self._account_memo = (stamp, accounts)
        return list(accounts)

    def account_by_key(self, key: str) -> Account | None:
        found = self._read_accounts("SELECT key, version, data FROM accounts WHERE key = ?", (key,))
        return found[0] if found else None

    def account_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM accounts")[0][0])

    def save_accounts(self, accounts: Iterable[Account]) -> None:
        """Insert or update accounts by Account.key, in one transaction; ConflictError (and
        nothing saved) when one of them was changed elsewhere since this handle read it."""
        stamp = now()
        self._account_memo = None
        with self.transaction():
            for chunk in batched(accounts, CHUNK):
                data = {a.key: codec.account_to_dict(a) for a in chunk}
                keys = list(data)
                stored = self._stored_versions("accounts", "key", keys)
                self._refuse_stale("accounts", keys, stored, data)
                self._db.executemany(
                    "INSERT INTO accounts(key, account_id, name, data, updated_at, version) "
                    "VALUES (?,?,?,?,?,1) ON CONFLICT(key) DO UPDATE SET "
                    "account_id=excluded.account_id, name=excluded.name, data=excluded.data, "
                    "updated_at=excluded.updated_at, version=accounts.version + 1",
                    [(k, d["account_id"], d["name"], dumps(d), stamp) for k, d in data.items()],
                )
                for key in keys:
                    self._seen.remember("accounts", key, stored.get(key, 0) + 1)

    def delete_accounts(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        self._account_memo = None
        self._write_many("DELETE FROM accounts WHERE key = ?", ((k,) for k in keys))
        for key in keys:
            self._seen.remember("accounts", key, None)

    # reps -----------------------------------------------------------------------------
    def reps(self) -> list[Rep]:
        rows = self._query("SELECT data FROM reps ORDER BY rowid")
        return [codec.rep_from_dict(orjson.loads(data)) for (data,) in rows]

    def rep(self, name: str) -> Rep | None:
        rows = self._query("SELECT data FROM reps WHERE name = ?", (name,))
        return codec.rep_from_dict(orjson.loads(rows[0][0])) if rows else None

    def save_reps(self, reps: Iterable[Rep]) -> None:
        self._write_many(
            "INSERT INTO reps(name, data) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET data = excluded.data",
            ((r.name, dumps(codec.rep_to_dict(r))) for r in reps),
        )

    # plans ----------------------------------------------------------------------------
    def save_plan(self, plan: WeekPlan) -> None:
        """Store the rep's week; ConflictError when it changed elsewhere since it was read."""
        key = plan_key(plan.rep_name, plan.week_start)
        data = codec.week_plan_to_dict(plan)
        with self.transaction():
            stored = self._stored_versions("plans", "rep_name || '|' || week_start", [key])
            self._refuse_stale("plans", [key], stored, {key: data})
            self._db.execute(
                "INSERT INTO plans(rep_name, week_start, data, updated_at, version) "
                "VALUES (?,?,?,?,1) ON CONFLICT(rep_name, week_start) DO UPDATE SET "
                "data=excluded.data, updated_at=excluded.updated_at, version=plans.version + 1",
                (plan.rep_name, plan.week_start.isoformat(), dumps(data), now()),
            )
            self._seen.remember("plans", key, stored.get(key, 0) + 1)

    def load_plan(self, rep_name: str, week_start: date) -> WeekPlan | None:
        rows = self._query(
            "SELECT version, data FROM plans WHERE rep_name = ? AND week_start = ?",
            (rep_name, week_start.isoformat()),
        )
        key = plan_key(rep_name, week_start)
        self._seen.remember("plans", key, int(rows[0][0]) if rows else 0)
        return codec.week_plan_from_dict(orjson.loads(rows[0][1])) if rows else None

    def plans(self) -> list[tuple[str, date]]:
        """(rep name, week start) of every stored plan, newest week first."""
        rows = self._query(
            "SELECT rep_name, week_start FROM plans ORDER BY week_start DESC, rep_name"
        )
        return [(r[0], date.fromisoformat(r[1])) for r in rows]

    # territories ----------------------------------------------------------------------
    def territories(self) -> list[Territory]:
        rows = self._query("SELECT data FROM territories ORDER BY name")
        return [codec.territory_from_dict(orjson.loads(data)) for (data,) in rows]

    def replace_territories(self, territories: Iterable[Territory]) -> None:
        """The new split of accounts between reps; in a team workspace, also who may see
        which account (access.py)."""
        territories = list(territories)
        with self.transaction():
            self._db.execute("DELETE FROM territories")
            self._db.execute("DELETE FROM account_owners")
            self._db.executemany(
                "INSERT INTO territories(name, data) VALUES (?, ?)",
                [(t.name, dumps(codec.territory_to_dict(t))) for t in territories],
            )
            self._db.executemany(
                "INSERT INTO account_owners(account_key, rep_name) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING",
                [(k, t.rep_name) for t in territories for k in sorted(t.account_keys)],
            )
