"""Who may read and change what in a team workspace: PostgreSQL roles and row-level security.

Two group roles, `planner_manager` and `planner_rep`; each login of the team is a member
of one of them and has a row in `members` (login, role, the rep it plans for). The
database itself enforces the rules, whatever program connects:

- a rep reads and changes only the accounts of their own territory (`account_owners`),
  their own plans, their own rep row and territory; they cannot add or remove reps or
  territories, nor see other reps' imports;
- a manager reads and changes everything and assigns territories;
- the workspace's owner (who ran `workspace init`) administers logins (`add_member`).

The caches (geocodes, travel matrices) and small settings are shared by the team.
"""

from __future__ import annotations

from typing import Any

MANAGER, REP = "manager", "rep"
ROLES = (MANAGER, REP)
_GROUP = {MANAGER: "planner_manager", REP: "planner_rep"}


def rep_table(table: str, *, rep_column: str = "", account_column: str = "") -> str:
    """Access rules for a table whose rows belong to one rep (by a rep-name column) or to
    one account (by an account-key column): the manager sees all, a rep their own."""
    if rep_column:
        own = f"{rep_column} = planner_rep_of(current_user)"
    else:
        own = f"planner_owns_account({account_column}, current_user)"
    return f"""
    GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO planner_manager, planner_rep;
    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY {table}_manager ON {table} TO planner_manager USING (true) WITH CHECK (true);
    CREATE POLICY {table}_rep ON {table} TO planner_rep USING ({own}) WITH CHECK ({own});
    """


def _shared_table(table: str) -> str:
    return f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO planner_manager, planner_rep;"


_FUNCTIONS = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'planner_manager') THEN
        CREATE ROLE planner_manager NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'planner_rep') THEN
        CREATE ROLE planner_rep NOLOGIN;
    END IF;
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO planner_manager, planner_rep;
GRANT SELECT ON planner_schema TO planner_manager, planner_rep;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO planner_manager, planner_rep;
CREATE FUNCTION planner_rep_of(who name) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT rep_name FROM members WHERE login = who AND role = 'rep' $$;
CREATE FUNCTION planner_owns_account(account text, who name) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT EXISTS (SELECT 1 FROM account_owners o JOIN members m
                         ON m.rep_name = o.rep_name AND m.role = 'rep'
                         WHERE o.account_key = account AND m.login = who) $$;
"""

_OWN_ROWS = """
GRANT SELECT, UPDATE ON reps TO planner_rep;
GRANT SELECT, INSERT, UPDATE, DELETE ON reps TO planner_manager;
ALTER TABLE reps ENABLE ROW LEVEL SECURITY;
CREATE POLICY reps_manager ON reps TO planner_manager USING (true) WITH CHECK (true);
CREATE POLICY reps_rep ON reps TO planner_rep
    USING (name = planner_rep_of(current_user)) WITH CHECK (name = planner_rep_of(current_user));
GRANT SELECT ON territories, account_owners, members TO planner_rep;
GRANT SELECT, INSERT, UPDATE, DELETE ON territories, account_owners TO planner_manager;
GRANT SELECT ON members TO planner_manager;
ALTER TABLE territories ENABLE ROW LEVEL SECURITY;
CREATE POLICY territories_manager ON territories TO planner_manager USING (true) WITH CHECK (true);
CREATE POLICY territories_rep ON territories FOR SELECT TO planner_rep
    USING ((data::jsonb ->> 'rep_name') = planner_rep_of(current_user));
ALTER TABLE account_owners ENABLE ROW LEVEL SECURITY;
CREATE POLICY owners_manager ON account_owners TO planner_manager USING (true) WITH CHECK (true);
CREATE POLICY owners_rep ON account_owners FOR SELECT TO planner_rep
    USING (rep_name = planner_rep_of(current_user));
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_manager ON members FOR SELECT TO planner_manager USING (true);
CREATE POLICY members_rep ON members FOR SELECT TO planner_rep USING (login = current_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON imports, rejected_rows TO planner_manager, planner_rep;
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY imports_manager ON imports TO planner_manager USING (true) WITH CHECK (true);
CREATE POLICY imports_rep ON imports TO planner_rep
    USING (created_by = current_user) WITH CHECK (created_by = current_user);
ALTER TABLE rejected_rows ENABLE ROW LEVEL SECURITY;
CREATE POLICY rejected_manager ON rejected_rows TO planner_manager USING (true) WITH CHECK (true);
CREATE POLICY rejected_rep ON rejected_rows TO planner_rep
    USING (import_id IN (SELECT id FROM imports))
    WITH CHECK (import_id IN (SELECT id FROM imports));
"""

RULES = "\n".join(
    (
        _FUNCTIONS,
        rep_table("accounts", account_column="key"),
        rep_table("plans", rep_column="rep_name"),
        rep_table("visit_log", account_column="account_key"),
        _OWN_ROWS,
        *(_shared_table(t) for t in ("geocode_cache", "matrix_cache", "kv")),
    )
)


def add_member(db: Any, login: str, role: str, rep_name: str | None,
               password: str | None) -> None:  # fmt: skip
    """Make `login` (created when new) a member with `role`, in one transaction.

    `db` is a PostgresDatabase opened by the workspace's owner or a superuser.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if role == REP and not rep_name:
        raise ValueError("a rep login needs the name of the rep it plans for (--rep)")
    from psycopg import sql

    ident = sql.Identifier(login)
    other = MANAGER if role == REP else REP
    statements = [
        sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {}) "
            "THEN CREATE ROLE {} LOGIN; END IF; END $$"
        ).format(sql.Literal(login), ident),
        sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(_GROUP[other]), ident),
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(_GROUP[role]), ident),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(db.conn.info.dbname), ident
        ),
    ]
    if password is not None:
        statements.append(
            sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(ident, sql.Literal(password))
        )
    db.begin()
    try:
        for statement in statements:
            db.conn.execute(statement)
        db.execute(
            "INSERT INTO members(login, role, rep_name) VALUES (?, ?, ?) ON CONFLICT(login) "
            "DO UPDATE SET role = excluded.role, rep_name = excluded.rep_name",
            (login, role, rep_name if role == REP else None),
        )
        db.commit()
    except BaseException:
        db.rollback()
        raise
