"""The main window against a real page and a real QWebChannel (offscreen)."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel

from planner.ui.accounts_model import AccountFilter

# A real DOM click on the marker's SVG path: Leaflet's own handler, then the bridge.
CLICK_MARKER = """(function (key) {
  var name = Object.keys(window).find(function (k) {
    return k.indexOf('map_') === 0 && window[k] instanceof L.Map;
  });
  var hit = null;
  window[name].eachLayer(function (layer) {
    if (layer.feature && layer.feature.id === key && layer._path) { hit = layer; }
  });
  if (!hit) { return false; }
  hit._path.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
  return true;
})(%s)"""


def _evaluate(qtbot, win, expression):  # type: ignore[no-untyped-def]
    box: list[object] = []
    win.map_view.evaluate(expression, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def test_window_shows_accounts_on_table_and_map(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.accounts_model.rowCount() == 40
    stats = _evaluate(qtbot, window, "planner.stats()")
    assert stats["accounts"] == 40 and stats["markers"] >= 40
    assert _evaluate(qtbot, window, "typeof window.pwned") == "undefined"
    assert "40 accounts (40 shown)" in window._status.text()


def test_table_selection_highlights_marker(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    panel = window.accounts_panel
    index = panel.proxy.index(0, 0)
    key = panel.proxy.data(index, 0x0100 + 1)
    account = window.session.account(key)
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    panel.table.selectionModel().select(index, flags)
    qtbot.waitUntil(
        lambda: _evaluate(qtbot, window, "planner.stats().selected") == [account.key],
        timeout=5000,
    )
    assert window.inspector.account == account


def test_marker_click_selects_row_through_webchannel(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    target = window.session.accounts[5]
    with qtbot.waitSignal(window.map_view.account_clicked, timeout=10000) as blocker:
        assert _evaluate(qtbot, window, CLICK_MARKER % json.dumps(target.key)) is True
    assert blocker.args == [target.key]
    qtbot.waitUntil(lambda: window.accounts_panel.selected_keys() == [target.key], timeout=5000)
    assert window.inspector.account == target


def test_filters_narrow_the_table(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    proxy = window.accounts_panel.proxy
    proxy.set_filter(AccountFilter(text="modena"))
    assert 0 < proxy.rowCount() < 40
    proxy.set_filter(AccountFilter(stage="Proposal"))
    stages = {proxy.index(r, 2).data() for r in range(proxy.rowCount())}
    assert stages == {"Proposal"}


def test_balance_territories_and_give_accounts_by_hand(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from planner.domain import GeoPoint, Rep

    session = window.session
    window.territories_dock.raise_()
    session.workspace.save_reps(
        [Rep("Marco Rossi", home_address="Modena", home=GeoPoint(44.647, 10.925))]
    )
    with qtbot.waitSignal(session.territories_changed, timeout=30000):
        window.workflows.balance_territories("workload", 0.10)
    result = session.territory_result
    assert result is not None and len(result.metrics.territories) == 2
    assert window.territories_panel.table.rowCount() == 2
    assert {t.rep_name for t in session.workspace.territories()} == {"Giulia Neri", "Marco Rossi"}
    qtbot.waitUntil(
        lambda: _evaluate(qtbot, window, "planner.stats()").get("territories", 1) > 0, timeout=5000
    )
    key = next(k for k, rep in result.assignment.items() if rep == "Giulia Neri")
    window.accounts_panel.select_keys([key])
    window._give_selected("Marco Rossi")
    assert session.territory_result.assignment[key] == "Marco Rossi"
    session.undo_stack.undo()
    assert session.territory_result.assignment[key] == "Giulia Neri"


def test_manual_pin_is_saved_and_undoable(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from planner.domain import Precision

    session = window.session
    before = session.accounts[3]
    window._select([before.key], from_map=False)
    window.inspector._lat.setValue(44.5)
    window.inspector._lon.setValue(11.25)
    window.inspector._pin.click()
    moved = session.workspace.account_by_key(before.key)
    assert moved.precision is Precision.MANUAL and moved.location.as_tuple() == (44.5, 11.25)
    assert session.account(before.key) == moved
    session.undo_stack.undo()
    assert session.workspace.account_by_key(before.key) == before


def test_territories_tab_explains_a_rep_without_home(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from planner.domain import Rep

    window.session.workspace.save_reps([Rep("Nuovo Agente")])  # no home location yet
    window.territories_dock.raise_()
    window._refresh_territories()
    assert "home" in window.territories_panel.summary.text()
    assert window.territories_panel.table.rowCount() == 0


def test_an_edit_someone_else_overtook_is_refused_and_reloaded(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    from planner.services.workspaces import Workspace

    session = window.session
    before = session.accounts[3]
    with Workspace.open(session.workspace.path) as other:  # a second window, another desk
        mine = other.account_by_key(before.key)
        other.save_accounts([replace(mine, notes="called by the manager")])
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    session.set_manual_pin(before.key, 44.5, 11.25)
    assert len(shown) == 1 and "changed by someone else" in shown[0]
    assert "called by the manager" in shown[0]
    assert session.undo_stack.count() == 0  # the refused edit is not on the undo stack
    stored = session.workspace.account_by_key(before.key)
    assert stored.notes == "called by the manager" and stored.location == before.location
    qtbot.waitUntil(lambda: session.account(before.key).notes == "called by the manager")


SHIFT_CLICK = CLICK_MARKER.replace(
    "{bubbles: true, cancelable: true}", "{bubbles: true, cancelable: true, shiftKey: true}"
)

# A shift-drag over the whole visible map: the accounts inside become the selection.
BOX_SELECT = """(function () {
  var name = Object.keys(window).find(function (k) {
    return k.indexOf('map_') === 0 && window[k] instanceof L.Map;
  });
  var map = window[name], box = map.getContainer().getBoundingClientRect();
  function fire(target, type, x, y) {
    target.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, shiftKey: true,
                                               clientX: x, clientY: y, button: 0}));
  }
  var x0 = box.left + 5, y0 = box.top + 5, x1 = box.right - 5, y1 = box.bottom - 5;
  fire(map.getContainer(), 'mousedown', x0, y0);
  fire(map.getContainer(), 'mousemove', x1, y1);
  var inside = planner.accountsIn(L.latLngBounds(map.containerPointToLatLng([5, 5]),
                                   map.containerPointToLatLng([box.width - 5, box.height - 5])));
  fire(document, 'mouseup', x1, y1);
  return inside;
})()"""


def test_shift_clicks_on_the_map_select_rows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    first, second = (a.key for a in window.session.accounts[3:5])
    with qtbot.waitSignal(window.map_view.selection_changed, timeout=10000):
        assert _evaluate(qtbot, window, SHIFT_CLICK % json.dumps(first)) is True
    with qtbot.waitSignal(window.map_view.selection_changed, timeout=10000) as blocker:
        assert _evaluate(qtbot, window, SHIFT_CLICK % json.dumps(second)) is True
    assert sorted(blocker.args[0]) == sorted([first, second])
    qtbot.waitUntil(
        lambda: sorted(window.accounts_panel.selected_keys()) == sorted([first, second]),
        timeout=5000,
    )


def test_a_box_on_the_map_selects_the_accounts_inside(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.map_view.selection_changed, timeout=10000):
        inside = _evaluate(qtbot, window, BOX_SELECT)
    assert isinstance(inside, list) and len(inside) > 1
    qtbot.waitUntil(
        lambda: sorted(window.accounts_panel.selected_keys()) == sorted(inside), timeout=5000
    )
    assert sorted(_evaluate(qtbot, window, "planner.stats().selected")) == sorted(inside)


def test_a_moved_pin_moves_only_its_marker(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    account = window.session.accounts[7]
    where = "(function () { var m = planner.map, hit = null; m.eachLayer(function (l) {"
    where += " if (l.feature && l.feature.id === %s) { hit = l.getLatLng(); } }); return hit; })()"
    window.session.set_manual_pin(account.key, 44.6, 11.2)
    qtbot.waitUntil(
        lambda: (
            _evaluate(qtbot, window, where % json.dumps(account.key)) == {"lat": 44.6, "lng": 11.2}
        ),
        timeout=5000,
    )
    assert _evaluate(qtbot, window, "planner.stats().accounts") == 40
