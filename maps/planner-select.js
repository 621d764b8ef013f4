/*
 * planner-select.js - pick accounts on the map with a box (Territory planner).
 *
 * Shift-drag draws a box; the accounts inside become the selection (ctrl/cmd held as
 * well adds them to it), which planner.pick() highlights and reports to the app. A
 * shift-click without dragging is left to the marker (it toggles one account).
 * Leaflet's own shift-drag zoom (boxZoom) is turned off. Load after planner.js.
 */
(function () {
  'use strict';

  function install(map, planner) {
    var start = null;
    var box = null;
    var container = map.getContainer();
    map.boxZoom.disable();

    container.addEventListener('mousedown', function (ev) {
      if (!ev.shiftKey || ev.button !== 0) { return; }
      start = map.mouseEventToLatLng(ev);
      map.dragging.disable();
    }, true);

    container.addEventListener('mousemove', function (ev) {
      if (!start) { return; }
      var bounds = L.latLngBounds(start, map.mouseEventToLatLng(ev));
      if (box) {
        box.setBounds(bounds);
      } else {
        box = L.rectangle(bounds, {color: '#000000', weight: 1, dashArray: '4 3',
                                   fillOpacity: 0.08, interactive: false}).addTo(map);
      }
    }, true);

    document.addEventListener('mouseup', function (ev) {
      if (!start) { return; }
      var bounds = box ? box.getBounds() : null;
      if (box) { map.removeLayer(box); box = null; }
      start = null;
      map.dragging.enable();
      if (!bounds) { return; }
      var ids = planner.accountsIn(bounds);
      if (ev.ctrlKey || ev.metaKey) {
        var kept = planner.stats().selected.filter(function (id) { return ids.indexOf(id) < 0; });
        ids = kept.concat(ids);
      }
      planner.pick(ids);
    }, true);
  }

  window.plannerSelect = {install: install};
})();
