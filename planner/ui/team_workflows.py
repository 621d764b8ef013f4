"""Team menus: open a team (PostgreSQL) workspace, plan the whole team, the team view.

Like Workflows, they know the session, the task runner, the settings, a parent widget
for dialogs and the team view they fill — not the window.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from planner.domain import DomainError
from planner.services.workspaces import is_postgres_url, with_password
from planner.ui.progress_ui import run_with_progress
from planner.ui.session import Session
from planner.ui.team_view import TeamView
from planner.ui.workers import TaskRunner

if TYPE_CHECKING:
    from planner.ui.workflows import Workflows


class TeamWorkspaceDialog(QDialog):
    """The server's URL and, unless ~/.pgpass or PGPASSWORD has it, the password."""

    def __init__(self, last: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open team workspace"))
        self.url = QLineEdit(last)
        self.url.setPlaceholderText("postgresql://user@host:5432/database")
        self.url.setMinimumWidth(380)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("from ~/.pgpass or PGPASSWORD when empty"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Server"), self.url)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(buttons)

    def target(self) -> str:
        url = self.url.text().strip()
        return with_password(url, self.password.text()) if self.password.text() else url


class TeamWorkflows(QObject):
    opened = Signal()  # a team workspace was opened: show the team view

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget,
                 settings: QSettings, *, workflows: Workflows, view: TeamView) -> None:  # fmt: skip
        super().__init__(parent)
        self.session, self.runner, self.settings = session, runner, settings
        self.host, self.workflows, self.view = parent, workflows, view

    def open_team_workspace(self) -> None:
        last = str(self.settings.value("workspace/last_team", "", type=str))
        dialog = TeamWorkspaceDialog(last, self.host)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target = dialog.target()
        if not is_postgres_url(target):
            QMessageBox.warning(
                self.host, self.tr("Open team workspace"),
                self.tr("A team workspace is a postgresql://user@host:port/database address."),
            )  # fmt: skip
            return
        if self.workflows.switch_to(target):
            self.settings.setValue("workspace/last_team", self.session.workspace.location)
            self.refresh()
            self.opened.emit()

    def refresh_if_shown(self, shown: bool) -> None:
        if shown:
            self.refresh()

    def refresh(self, week: date | None = None) -> None:
        from planner.services.team_view import team_week

        view = self.view
        if week is None:
            week = self.session.week_start
            view.set_week(week)
        view.show_team(team_week(self.session.workspace, week))

    def plan_team(self, week: date) -> None:
        from planner.services.plan_team import TeamJob, plan_team, resolve_target, team_reps
        from planner.services.plan_week import WeekParams

        workspace = self.session.workspace
        try:
            reps = team_reps(workspace, None)
        except DomainError as exc:
            QMessageBox.information(self.host, self.tr("Plan the whole team"), str(exc))
            return
        target = workspace.target if workspace.is_team else resolve_target(workspace.path)
        job = TeamJob(target, week, None, WeekParams(time_limit_s=10.0))

        def work(progress: Any, cancel: Any) -> list[dict[str, Any]]:
            return plan_team(job, reps, progress=progress, cancel=cancel)

        def done(_plans: list[dict[str, Any]]) -> None:
            rep = self.session.rep  # the stored plans are newer than the session's
            self.session.reload(rep.name if rep else None)
            self.refresh(week)

        run_with_progress(
            self.host, runner=self.runner, title=self.tr("Planning the whole team"),
            work=work, on_result=done,
        )  # fmt: skip
