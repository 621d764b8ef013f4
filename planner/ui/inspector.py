"""The account inspector: details, value breakdown, the planner's explanation, manual pin."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.domain import Account, Decision
from planner.domain.i18n import gettext
from planner.domain.reasons import translate_reason
from planner.domain.text import visible_text
from planner.services.valuation import ValueBreakdown
from planner.ui.formatting import ui_formats, ui_locale
from planner.ui.navigate import fill_stop_menu, navigate_button

_UNSET = 0.000001  # a coordinate field below its range shows "—": no pin yet


def _row(label: str, value: object) -> str:
    text = "" if value is None else escape(visible_text(str(value))).replace("\n", "<br>")
    return f"<tr><td style='color:#555;padding-right:8px'>{escape(label)}</td><td>{text}</td></tr>"


class Inspector(QWidget):
    pin_requested = Signal(str, float, float)  # account key, lat, lon

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._account: Account | None = None
        self._details = QLabel(self.tr("Select an account to see its details."))
        self._details.setWordWrap(True)
        self._details.setTextFormat(self._details.textFormat().RichText)
        self._value = QLabel()
        self._why = QLabel()
        for label in (self._value, self._why):
            label.setWordWrap(True)
            # Wrapped text asks for the height it needs (QFormLayout would squeeze it).
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        # One step below the valid range means "no pin yet" and reads as a dash.
        self._lat = QDoubleSpinBox(decimals=6, minimum=-90 - _UNSET, maximum=90)
        self._lon = QDoubleSpinBox(decimals=6, minimum=-180 - _UNSET, maximum=180)
        self._pin = QPushButton(self.tr("Set manual pin"))
        self._pin.setEnabled(False)
        self._pin.clicked.connect(self._emit_pin)
        pin_row = QHBoxLayout()
        for widget in (self._lat, self._lon):
            widget.setSpecialValueText("—")
            widget.valueChanged.connect(self._pin_editable)
            pin_row.addWidget(widget)
        self._form = QWidget()
        form = QFormLayout(self._form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # The verdict before its breakdown: in view without scrolling at the default size.
        form.addRow(self.tr("Planner says"), self._why)
        form.addRow(self.tr("Value this week"), self._value)
        form.addRow(self.tr("Pin (lat, lon)"), pin_row)
        form.addRow("", self._pin)
        self._navigate = navigate_button()
        form.addRow("", self._navigate)
        self._form.setVisible(False)  # nothing to edit until an account is chosen
        # Everything scrolls inside the dock: a long value breakdown is never cut off.
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self._details)
        inner.addWidget(self._form)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    @property
    def account(self) -> Account | None:
        return self._account

    def show_account(
        self,
        account: Account | None,
        breakdown: ValueBreakdown | None = None,
        decision: Decision | None = None,
        outside: str = "",
    ) -> None:
        """`outside`: why the account is not the selected rep's (another rep's territory)."""
        self._account = account
        self._form.setVisible(account is not None)
        if account is None:
            self._details.setText(self.tr("Select an account to see its details."))
            self._value.clear()
            self._why.clear()
            return
        self._details.setText(self._details_html(account))
        self._value.setText(self._value_text(breakdown))
        reason = decision.reason if decision else outside
        why = translate_reason(reason, ui_locale()) if reason else None
        self._why.setText(why or self.tr("not planned yet"))
        where = account.location
        self._lat.setValue(where.lat if where is not None else self._lat.minimum())
        self._lon.setValue(where.lon if where is not None else self._lon.minimum())
        self._pin_editable()
        self._navigate.setVisible(where is not None)
        if where is not None:
            self._navigate.menu().clear()
            fill_stop_menu(self._navigate.menu(), where, account.name)

    def _pin_editable(self) -> None:
        """The pin can be set once both fields hold a coordinate."""
        unset = self._lat.value() < -90 or self._lon.value() < -180
        self._pin.setEnabled(self._account is not None and not unset)

    def _details_html(self, a: Account) -> str:
        f = ui_formats()
        pin = gettext(a.precision.value, f.locale)
        rows = [
            _row(self.tr("CRM id"), a.account_id),
            _row(self.tr("Address"), a.address.one_line()),
            _row(self.tr("Pin"), " ".join(filter(None, (pin, a.geocode_source, a.geocode_note)))),
            _row(
                self.tr("Amount"), f.amount(a.amount, a.currency) if a.amount is not None else None
            ),
            _row(self.tr("Stage"), a.stage),
            _row(
                self.tr("Probability"),
                f.percent(a.probability) if a.probability is not None else None,
            ),
            _row(self.tr("Close date"), f.date(a.close_date) if a.close_date else None),
            _row(self.tr("Last visit"), f.date(a.last_visit) if a.last_visit else None),
            _row(
                self.tr("Cadence"),
                self.tr("every %d days") % a.cadence_days if a.cadence_days else None,
            ),
            _row(self.tr("Meeting"), f.duration(a.meeting_minutes * 60)),
            _row(
                self.tr("Opening hours"),
                f.opening_hours(a.opening_hours) if a.opening_hours else None,
            ),
            _row(self.tr("Owner"), a.owner),
            _row(self.tr("Contact"), " ".join(filter(None, (a.contact, a.phone)))),
            _row(self.tr("Notes"), a.all_notes),
        ]
        return f"<h3>{escape(visible_text(a.name))}</h3><table>{''.join(rows)}</table>"

    def _value_text(self, breakdown: ValueBreakdown | None) -> str:
        if breakdown is None:
            return ""
        money = ui_formats().money
        b = breakdown
        kind = self.tr("customer") if b.customer else self.tr("account")
        source = translate_reason(b.tier_source, ui_locale())
        lines = [
            self.tr("tier %s %s (%s)") % (b.tier, kind, source),
            self.tr("visit every %s days; last visit %s× that ago")
            % (b.cadence_days, ui_formats().number(b.overdue, 1)),
        ]
        lines += [f"{gettext(name, ui_locale())}: {money(amount)}" for name, amount in b.parts()]
        if b.weight != 1.0:
            lines.append(self.tr("× weight %s") % ui_formats().number(b.weight, 2))
        lines.append(f"= {money(b.total)}")
        text = "\n".join(lines)
        if breakdown.must_visit:
            text += "\n" + self.tr("must visit")
        if breakdown.excluded:
            reason = translate_reason(breakdown.excluded_reason, ui_locale())
            text += "\n" + self.tr("excluded: %s") % reason
        if breakdown.flags:
            text += "\n" + "; ".join(translate_reason(f, ui_locale()) for f in breakdown.flags)
        return text

    def _emit_pin(self) -> None:
        if self._account is not None:
            self.pin_requested.emit(self._account.key, self._lat.value(), self._lon.value())
