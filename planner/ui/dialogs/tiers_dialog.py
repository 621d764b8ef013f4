"""Customer tiers: each tier's visit cadence and relationship visit value, the default tier.

The same settings as `territory-planner settings tiers|tier-values|default-tier`, kept in
the workspace (`planner.services.value_settings`).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.services.value_settings import TIERS, TierSettings
from planner.ui.dialogs.buttons import ok_cancel_buttons


class TiersDialog(QDialog):
    def __init__(self, settings: TierSettings, currency: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customer tiers"))
        self._settings = settings
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Tier")), 0, 0)
        grid.addWidget(QLabel(self.tr("Visit every (days)")), 0, 1)
        grid.addWidget(QLabel(self.tr("Visit value when due (%s)") % currency), 0, 2)
        self._days: dict[str, QSpinBox] = {}
        self._values: dict[str, QDoubleSpinBox] = {}
        for row, tier in enumerate(TIERS, start=1):
            days = QSpinBox(minimum=1, maximum=3650, value=settings.cadence_days[tier])
            value = QDoubleSpinBox(minimum=0, maximum=1e8, decimals=2)
            value.setValue(float(settings.visit_value[tier]))
            grid.addWidget(QLabel(tier), row, 0)
            grid.addWidget(days, row, 1)
            grid.addWidget(value, row, 2)
            self._days[tier], self._values[tier] = days, value
        self._default = QComboBox()
        self._default.addItems(list(TIERS))
        self._default.setCurrentText(settings.default_tier)
        grid.addWidget(QLabel(self.tr("Tier of accounts nothing else places")), 4, 0, 1, 2)
        grid.addWidget(self._default, 4, 2)
        hint = QLabel(
            self.tr(
                "An account's tier comes from a tag such as 'Tier A', else its annual "
                "revenue, else the default tier. Overdue A-customers gain value fastest."
            )
        )
        hint.setWordWrap(True)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def settings(self) -> TierSettings:
        """The settings as edited."""
        return replace(
            self._settings,
            cadence_days={t: self._days[t].value() for t in TIERS},
            visit_value={t: Decimal(str(round(self._values[t].value(), 2))) for t in TIERS},
            default_tier=self._default.currentText(),
        )
