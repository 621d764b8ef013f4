"""The account inspector: details, value breakdown, the planner's explanation, manual pin."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain import Account, Decision
from planner.optimise.priorities import ValueBreakdown


def _row(label: str, value: object) -> str:
    text = "" if value is None else escape(str(value)).replace("\n", "<br>")
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
        self._value.setWordWrap(True)
        self._why = QLabel()
        self._why.setWordWrap(True)
        self._lat = QDoubleSpinBox(decimals=6, minimum=-90, maximum=90)
        self._lon = QDoubleSpinBox(decimals=6, minimum=-180, maximum=180)
        self._pin = QPushButton(self.tr("Set manual pin"))
        self._pin.setEnabled(False)
        self._pin.clicked.connect(self._emit_pin)
        pin_row = QHBoxLayout()
        for widget in (self._lat, self._lon):
            pin_row.addWidget(widget)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Value this week"), self._value)
        form.addRow(self.tr("Planner says"), self._why)
        form.addRow(self.tr("Pin (lat, lon)"), pin_row)
        form.addRow("", self._pin)
        layout = QVBoxLayout(self)
        layout.addWidget(self._details)
        layout.addLayout(form)
        layout.addStretch(1)

    @property
    def account(self) -> Account | None:
        return self._account

    def show_account(
        self,
        account: Account | None,
        breakdown: ValueBreakdown | None = None,
        decision: Decision | None = None,
    ) -> None:
        self._account = account
        self._pin.setEnabled(account is not None)
        if account is None:
            self._details.setText(self.tr("Select an account to see its details."))
            self._value.clear()
            self._why.clear()
            return
        self._details.setText(self._details_html(account))
        self._value.setText(self._value_text(breakdown))
        self._why.setText(decision.reason if decision else self.tr("not planned yet"))
        if account.location is not None:
            self._lat.setValue(account.location.lat)
            self._lon.setValue(account.location.lon)

    def _details_html(self, a: Account) -> str:
        rows = [
            _row(self.tr("CRM id"), a.account_id),
            _row(self.tr("Address"), a.address.one_line()),
            _row(
                self.tr("Pin"), f"{a.precision.value} {a.geocode_source} {a.geocode_note}".strip()
            ),
            _row(
                self.tr("Amount"), f"{a.amount:,.2f} {a.currency}" if a.amount is not None else None
            ),
            _row(self.tr("Stage"), a.stage),
            _row(
                self.tr("Probability"),
                f"{a.probability:.0%}" if a.probability is not None else None,
            ),
            _row(self.tr("Close date"), a.close_date),
            _row(self.tr("Last visit"), a.last_visit),
            _row(self.tr("Cadence"), f"{a.cadence_days} d" if a.cadence_days else None),
            _row(self.tr("Meeting"), f"{a.meeting_minutes} min"),
            _row(self.tr("Opening hours"), a.opening_hours),
            _row(self.tr("Owner"), a.owner),
            _row(self.tr("Contact"), " ".join(filter(None, (a.contact, a.phone)))),
            _row(self.tr("Notes"), a.notes),
        ]
        return f"<h3>{escape(a.name)}</h3><table>{''.join(rows)}</table>"

    def _value_text(self, breakdown: ValueBreakdown | None) -> str:
        if breakdown is None:
            return ""
        kind = self.tr("customer") if breakdown.customer else self.tr("account")
        lines = [
            self.tr("Tier %1 %2 (%3)")
            .replace("%1", breakdown.tier)
            .replace("%2", kind)
            .replace("%3", breakdown.tier_source)
        ]
        lines += [f"{name}: {money} — {how}" for name, money, how in breakdown.parts()]
        if breakdown.weight != 1.0:
            lines.append(self.tr("× weight %s") % f"{breakdown.weight:g}")
        lines.append(self.tr("= %s this week") % breakdown.total)
        text = "\n".join(lines)
        if breakdown.must_visit:
            text += "\n" + self.tr("must visit")
        if breakdown.excluded:
            text += "\n" + self.tr("excluded: %s") % breakdown.excluded_reason
        if breakdown.flags:
            text += "\n" + "; ".join(breakdown.flags)
        return text

    def _emit_pin(self) -> None:
        if self._account is not None:
            self.pin_requested.emit(self._account.key, self._lat.value(), self._lon.value())
