"""The Italian catalogue loads and covers the window's menus."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from planner.ui.launch import install_translator


def test_italian_catalogue_translates_the_menus(qapp: QApplication) -> None:
    translator = install_translator(qapp, "it")
    assert translator is not None
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        assert QCoreApplication.translate("MainWindow", "&Plan") == "&Pianifica"
        assert QCoreApplication.translate("AccountsModel", "Visit value") == "Valore visita"
    finally:
        qapp.removeTranslator(translator)
    assert install_translator(qapp, "en") is None
