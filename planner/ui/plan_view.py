"""The week plan: a column per day with visits in order, legs and day totals.

Dragging a visit to another day (or another position) emits `visit_moved`; the window
asks the planner to re-time the week and shows the result. The view holds no rules.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.domain import DayPlan, GeoPoint, Leg, Lock, Visit, WeekPlan
from planner.domain.calendar import ClosedDay, Outcome
from planner.domain.formats import Formats
from planner.domain.navigation import day_route
from planner.domain.reasons import translate_reason
from planner.services.week_overlay import WeekOverlay
from planner.ui.formatting import day_colour
from planner.ui.navigate import fill_day_menu, fill_stop_menu, navigate_button

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
NOTICE_STYLE = "background: #fff4ce; color: #3b2f00; border: 1px solid #d9b300; padding: 4px"
MIN_LIST_HEIGHT = 60
MIN_DAY_WIDTH = 150  # px: five working days fit beside each other from ~800 px
BUSY_STYLE = "background: #e8eef7; color: #1f3a5f; border-left: 3px solid #4a78b5; padding: 2px"
CLOSED_STYLE = "background: #f0f0f0; color: #333; padding: 6px"
CLOSED_HEADER_STYLE = "background: #8a8a8a; color: white; padding: 3px 6px; border-radius: 3px"


def _leg_text(leg: Leg, units: Formats) -> str:
    duration = units.duration(leg.duration_s)
    return f"{units.distance(leg.distance_m)} · {duration} · {units.money(leg.cost)}"


def _visit_text(visit: Visit, logged: Outcome | None = None) -> str:
    """One line per visit, so a full day (8+ visits and lunch) fits the column.

    ◆ an appointment (the rep's, not the planner's choice); ✓ / ✗ logged done / not done.
    """
    lock = " 🔒" if visit.lock is not Lock.NONE and not visit.appointment_id else ""
    pin = "◆ " if visit.appointment_id else ""
    mark = "" if logged is None else ("✓ " if logged is Outcome.COMPLETED else "✗ ")
    return f"{mark}{visit.arrival:%H:%M}  {pin}{visit.name.replace(chr(10), ' ')}{lock}"


class DayList(QListWidget):
    """One day's visits; accepts drops from any other day's list."""

    dropped = Signal(str, int, int)  # account key, target day index, target position

    def __init__(self, day_index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day_index = day_index
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Long names are cut with "…" (the tooltip has them whole): rows stay one line.
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The list takes the height the dock gives (its own scroll bar if a day is long),
        # so the week's totals below never scroll out of view.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.setMinimumHeight(MIN_LIST_HEIGHT)
        self.setAlternatingRowColors(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def dropEvent(self, event: QDropEvent) -> None:
        source = event.source()
        if not isinstance(source, DayList) or not source.selectedItems():
            event.ignore()
            return
        key = source.selectedItems()[0].data(KEY_ROLE)
        target = self.itemAt(event.position().toPoint())
        position = self.row(target) if target is not None else self.count()
        # The plan is re-timed and redrawn by the window: the list itself must not move items.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.dropped.emit(key, self.day_index, position)


class PlanView(QScrollArea):
    visit_moved = Signal(str, int, int)  # account key, day index, position
    visit_selected = Signal(str)
    lock_toggled = Signal(str)
    visit_removed = Signal(str)

    def __init__(self, units: Formats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._units = units
        self._lists: dict[int, DayList] = {}  # by day index
        self._totals = QLabel()
        self._notice = QLabel()
        self._plan: WeekPlan | None = None
        self._locations: dict[str, GeoPoint] = {}
        self._overlay = WeekOverlay()
        self._row: QHBoxLayout | None = None
        self._columns: dict[date, tuple[object, QWidget]] = {}  # what each shows, and it
        self.show_plan(None)

    def set_units(self, units: Formats) -> None:
        self._units = units
        self._columns = {}  # every column is drawn again
        self.show_plan(self._plan)

    @property
    def day_lists(self) -> list[DayList]:
        return [self._lists[index] for index in sorted(self._lists)]

    @property
    def totals_text(self) -> str:
        return self._totals.text()

    @property
    def notice_text(self) -> str:
        return self._notice.text()

    def show_notice(self, text: str) -> None:
        """Why an edit was refused, in full (wrapped) above the days, until the next plan."""
        self._notice.setText(text)
        self._notice.setVisible(bool(text))

    def show_plan(
        self,
        plan: WeekPlan | None,
        locations: dict[str, GeoPoint] | None = None,
        overlay: WeekOverlay | None = None,
    ) -> None:
        """`locations` (account key → pin) give the Navigate menus their points; `overlay`
        the rep's calendar and call reports drawn in the day columns."""
        self._plan = plan
        if overlay is not None:
            self._overlay = overlay
        if locations is not None:
            self._locations = locations
        if not self._redraw_changed_days(plan):
            self._draw_week(plan)

    def _redraw_changed_days(self, plan: WeekPlan | None) -> bool:
        """After an edit: only the columns whose day changed are drawn again (an edit on
        Tuesday leaves the other days' lists, and their selection, as they are). False
        when the week's days themselves changed: then everything is drawn."""
        inputs = self._column_inputs(plan)
        if plan is None or self._row is None or list(inputs) != list(self._columns):
            return False
        for index, day in enumerate(plan.days):
            if inputs[day.day] != self._columns[day.day][0]:
                self._replace(day.day, inputs[day.day], self._day_column(index, day, plan.currency))
        for closed in plan.closed:
            if inputs[closed.day] != self._columns[closed.day][0]:
                self._replace(closed.day, inputs[closed.day], self._closed_column(closed))
        self._totals.setText(self._week_totals(plan))
        self.show_notice("")  # a refused edit's reason stands until the next plan
        return True

    def _replace(self, day: date, inputs: object, column: QWidget) -> None:
        assert self._row is not None
        old = self._columns[day][1]
        self._row.replaceWidget(old, column)
        old.deleteLater()
        self._columns[day] = (inputs, column)

    def _column_inputs(self, plan: WeekPlan | None) -> dict[date, object]:
        """Everything a day's column shows, by day in the order the columns stand."""
        if plan is None or not plan.days:
            return {}
        out: dict[date, object] = {}
        for day in plan.days:
            keys = [v.account_key for v in day.visits]
            logged = tuple(self._overlay.logged.get((k, day.day)) for k in keys)
            pins = tuple(self._locations.get(k) for k in keys)
            blocks = tuple(self._overlay.blocks.get(day.day, ()))
            closed = self._overlay.closed.get(day.day)
            out[day.day] = (day, plan.currency, logged, pins, blocks, closed)
        out.update({c.day: c for c in plan.closed})
        return dict(sorted(out.items()))

    def _draw_week(self, plan: WeekPlan | None) -> None:
        container = QWidget()
        outer = QVBoxLayout(container)
        outer.setContentsMargins(4, 4, 4, 2)
        outer.setSpacing(3)
        self._notice = QLabel()
        self._notice.setWordWrap(True)
        self._notice.setStyleSheet(NOTICE_STYLE)
        self._notice.setVisible(False)
        outer.addWidget(self._notice)
        row = QHBoxLayout()
        self._lists, self._columns, self._row = {}, {}, None
        if plan is None or not plan.days:
            hint = QLabel(self.tr("No plan yet: choose Plan ▸ Plan week (Ctrl+P)."))
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(hint)
        else:
            columns: list[tuple[date, QWidget]] = [
                (day.day, self._day_column(index, day, plan.currency))
                for index, day in enumerate(plan.days)
            ]
            columns += [(c.day, self._closed_column(c)) for c in plan.closed]
            inputs = self._column_inputs(plan)
            for day, column in sorted(columns, key=lambda item: item[0]):
                row.addWidget(column, 1)  # every day, open or closed, as wide
                self._columns[day] = (inputs[day], column)
            outer.addLayout(row, 1)
            self._row = row
        self._totals = QLabel(self._week_totals(plan))
        self._totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self._totals)
        self.setWidget(container)

    @staticmethod
    def _column_frame() -> tuple[QFrame, QVBoxLayout]:
        """A day column's frame: every column shares the width, so the whole week shows
        without scrolling."""
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        frame.setMinimumWidth(MIN_DAY_WIDTH)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(3, 3, 3, 3)
        return frame, layout

    def _day_column(self, index: int, day: DayPlan, currency: str) -> QWidget:
        frame, layout = self._column_frame()
        layout.setSpacing(2)
        layout.addLayout(self._day_header(day))
        if day.start.kind == "hotel":
            layout.addWidget(QLabel(self.tr("from hotel: %s") % day.start.name))
        closed = self._overlay.closed.get(day.day)
        if closed:  # a stored plan made before this day was known to be off
            warning = QLabel(
                self.tr("Closed now: %s. Plan the week again to move these visits.") % closed
            )
            warning.setWordWrap(True)
            warning.setStyleSheet(NOTICE_STYLE)
            layout.addWidget(warning)
        blocks = self._overlay.blocks.get(day.day, [])
        if blocks:
            busy = QLabel("\n".join(blocks))
            busy.setWordWrap(True)
            busy.setToolTip(self.tr("In the rep's calendar: no visit is planned in this time"))
            busy.setStyleSheet(BUSY_STYLE)
            layout.addWidget(busy)
        day_list = DayList(index)
        for position, visit in enumerate(day.visits):
            text = _visit_text(visit, self._overlay.logged.get((visit.account_key, day.day)))
            if day.lunch is not None:
                text = self._with_lunch(text, day, position)
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, visit.account_key)
            item.setToolTip(self._visit_tip(visit, day.legs[position] if day.legs else None))
            if visit.cancelled:
                item.setForeground(QColor("#888"))
            day_list.addItem(item)
        day_list.dropped.connect(self.visit_moved)
        day_list.itemClicked.connect(lambda item: self.visit_selected.emit(item.data(KEY_ROLE)))
        day_list.customContextMenuRequested.connect(lambda pos, dl=day_list: self._menu(dl, pos))
        self._lists[index] = day_list
        layout.addWidget(day_list, 1)
        end = self.tr("ends at hotel") if day.end.kind == "hotel" else ""
        totals = QLabel("\n".join(filter(None, (self._day_totals(day, currency), end))))
        totals.setWordWrap(True)  # wraps inside the column: no horizontal scrolling
        layout.addWidget(totals)
        return frame

    def _closed_column(self, closed: ClosedDay) -> QWidget:
        """A holiday or a day off: the day's header and why nothing is planned."""
        frame, layout = self._column_frame()
        header = QLabel(f"<b>{self._units.day(closed.day)}</b>")
        header.setStyleSheet(CLOSED_HEADER_STYLE)
        layout.addWidget(header)
        why = translate_reason(closed.reason, self._units.locale)
        reason = QLabel(self.tr("Closed: %s") % why)
        reason.setWordWrap(True)
        reason.setStyleSheet(CLOSED_STYLE)
        layout.addWidget(reason)
        layout.addStretch(1)
        return frame

    def _day_header(self, day: DayPlan) -> QHBoxLayout:
        """The day in its route's colour (as on the map), and its Navigate menu."""
        row = QHBoxLayout()
        header = QLabel(f"<b>{self._units.day(day.day)}</b>")
        header.setStyleSheet(
            f"background: {day_colour(day.day)}; color: white; padding: 3px 6px; border-radius: 3px"
        )
        row.addWidget(header, 1)
        route = day_route(day, self._locations)
        if len(route) > 2:
            button = navigate_button()
            fill_day_menu(button.menu(), route)
            row.addWidget(button)
        return row

    def _visit_tip(self, visit: Visit, leg_in: Leg | None) -> str:
        """Times, the drive there and why: what the one-line row leaves out."""
        lines = [f"{visit.arrival:%H:%M}–{visit.departure:%H:%M}  {visit.name}"]
        if visit.appointment_id:
            lines.append(self.tr("fixed appointment") if visit.fixed else self.tr("appointment"))
        logged = self._overlay.logged.get((visit.account_key, visit.arrival.date()))
        if logged is not None:
            done = logged is Outcome.COMPLETED
            lines.append(self.tr("logged: done") if done else self.tr("logged: not done"))
        if leg_in is not None:
            lines.append(self.tr("drive there: %s") % _leg_text(leg_in, self._units))
        if visit.explanation:
            lines.append(translate_reason(visit.explanation, self._units.locale))
        return "\n".join(lines)

    def _with_lunch(self, text: str, day: DayPlan, position: int) -> str:
        """The break shows with the visit it follows (or precedes, when it comes first)."""
        assert day.lunch is not None
        line = self.tr("  lunch break %s–%s") % (
            f"{day.lunch.start:%H:%M}",
            f"{day.lunch.end:%H:%M}",
        )
        if day.lunch_after == 0 and position == 0:
            return line + "\n" + text
        return text + "\n" + line if day.lunch_after == position + 1 else text

    def _day_totals(self, day: DayPlan, currency: str) -> str:
        return self.tr("%d visits · %s · %s driving · cost %s · value %s") % (
            len(day.visits),
            self._units.distance(day.distance_m),
            self._units.duration(day.driving_s),
            self._units.money(day.cost(currency)),
            self._units.money(day.value(currency)),
        )

    def _week_totals(self, plan: WeekPlan | None) -> str:
        if plan is None or not plan.days:
            return ""
        units = self._units
        per_unit = units.money(units.per_distance(plan.value, plan.distance_m))
        text = self.tr("Week: %d visits · value %s · %s · %s driving · cost %s") % (
            len(plan.visits()),
            units.money(plan.value),
            units.distance(plan.distance_m),
            units.duration(plan.driving_s),
            units.money(plan.cost),
        )
        per = self.tr("%s per mile") if units.miles else self.tr("%s per km")
        return f"{text} · {per % per_unit}"

    def _menu(self, day_list: DayList, pos: QPoint) -> None:
        item = day_list.itemAt(pos)
        if item is None:
            return
        key = item.data(KEY_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Lock / unlock"), lambda: self.lock_toggled.emit(key))
        menu.addAction(self.tr("Remove from plan"), lambda: self.visit_removed.emit(key))
        point = self._locations.get(key)
        if point is not None:
            visits = self._plan.visits() if self._plan is not None else []
            name = next((v.name for v in visits if v.account_key == key), "")
            fill_stop_menu(menu.addMenu(self.tr("Navigate")), point, name)
        menu.exec(day_list.viewport().mapToGlobal(pos))
