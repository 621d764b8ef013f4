"""The rep and week selector above the map: a rep list and ◀ week of … ▶.

Choosing a rep or a week goes to the session, which loads that rep's stored plan of
that week (or none yet). The texts keep the main window's translation context.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QToolButton, QWidget

from planner.domain.formats import Formats
from planner.ui.formatting import translate
from planner.ui.session import Session


class WeekToolbar(QToolBar):
    def __init__(self, session: Session, units: Formats, parent: QWidget | None = None) -> None:
        super().__init__(translate("MainWindow", "Rep"), parent)
        self.setObjectName("rep-toolbar")
        self.session, self.units = session, units
        self.addWidget(QLabel(translate("MainWindow", " Rep: ")))
        self.rep_combo = QComboBox()
        self.rep_combo.setMinimumWidth(180)
        self.addWidget(self.rep_combo)
        self.week_back, self.week_next = QToolButton(), QToolButton()
        self.week_back.setText("◀")
        self.week_back.setToolTip(translate("MainWindow", "Previous week"))
        self.week_next.setText("▶")
        self.week_next.setToolTip(translate("MainWindow", "Next week"))
        self.week_label = QLabel()
        for widget in (self.week_back, self.week_label, self.week_next):
            self.addWidget(widget)
        self.week_back.clicked.connect(lambda: self.step_week(-1))
        self.week_next.clicked.connect(lambda: self.step_week(1))
        self.rep_combo.activated.connect(
            lambda: self.session.choose_rep(self.rep_combo.currentText())
        )
        self.refresh()

    def step_week(self, weeks: int) -> None:
        """The previous or next week's stored plan (or none yet)."""
        self.session.choose_week(self.session.week_start + timedelta(weeks=weeks))
        self.refresh()

    def refresh(self) -> None:
        """The workspace's reps, the session's rep selected, and its week."""
        self.rep_combo.blockSignals(True)
        self.rep_combo.clear()
        self.rep_combo.addItems([r.name for r in self.session.workspace.reps()])
        if self.session.rep is not None:
            self.rep_combo.setCurrentText(self.session.rep.name)
        self.rep_combo.blockSignals(False)
        week = self.units.long_date(self.session.week_start)
        self.week_label.setText(translate("MainWindow", "  week of %s") % week)
