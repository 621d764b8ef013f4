/*
 * planner-view.js - selection and view of the map page: select / pick / toggle,
 * patchAccounts, openPopup, fitTo / fitDay / the first view, and stats().
 * Load after planner.js; see its header for the API.
 */
(function () {
  'use strict';

  var dom = window.plannerDom;
  var planner = window.planner;
  var core = planner.core;
  var parse = dom.parse;

  function layersFor(ids) {
    var out = [];
    (ids || []).forEach(function (id) {
      id = String(id);
      if (core.accounts.markers[id]) { out.push(core.accounts.markers[id]); }
      if (core.routes.stops[id]) { out.push(core.routes.stops[id]); }
    });
    return out;
  }

  // shift/ctrl-click adds or removes one account; the UI hears the whole selection
  core.toggleSelected = function (id) {
    var ids = Object.keys(core.selected).filter(function (k) { return k !== id; });
    if (!core.selected[id]) { ids.push(id); }
    planner.pick(ids);
  };

  planner.pick = function (ids) {
    planner.select(ids);
    document.dispatchEvent(new CustomEvent('planner:selection', {detail: {ids: ids}}));
    if (core.bridge && core.bridge.selectionChanged) { core.bridge.selectionChanged(JSON.stringify(ids)); }
  };

  planner.accountsIn = function (bounds) {
    var markers = core.accounts.markers;
    return Object.keys(markers).filter(function (id) {
      return bounds.contains(markers[id].getLatLng());
    });
  };

  // Only the accounts that changed: one moved pin or re-planned visit redraws a few points.
  // A point that stayed where it was is restyled in place (no cluster redraw).
  planner.patchAccounts = function (data) {
    var patch = parse(data);
    var accounts = core.accounts;
    var group = accounts.layer;
    var gone = {};
    var fresh = [];
    (patch.features || []).forEach(function (f) {
      var id = String(f.id);
      var marker = accounts.markers[id];
      gone[id] = true;
      if (marker && core.updateAccountMarker(marker, f)) { return; }
      if (marker) { group.removeLayer(marker); }
      fresh.push(f);
    });
    (patch.remove || []).forEach(function (id) {
      id = String(id);
      gone[id] = true;
      if (accounts.markers[id]) { group.removeLayer(accounts.markers[id]); }
      delete accounts.markers[id];
    });
    accounts.features = accounts.features.filter(function (f) { return !gone[String(f.id)]; })
      .concat(patch.features || []);
    group.addLayers(fresh.map(function (f) {
      var m = core.makeAccountMarker(f);
      accounts.markers[m.feature.properties.id] = m;
      return m;
    }));
  };

  planner.select = function (ids) {
    ids = parse(ids) || [];
    var before = Object.keys(core.selected);
    var selected = {};
    ids.forEach(function (id) { selected[String(id)] = true; });
    core.selected = selected;
    before.concat(Object.keys(selected)).forEach(function (id) {
      var m = core.accounts.markers[id];
      if (m) { m.setStyle(core.accountStyle(m.feature.properties)); if (selected[id]) { m.bringToFront(); } }
    });
  };

  planner.openPopup = function (id) {
    var key = String(id);
    var m = core.accounts.markers[key] || core.routes.stops[key];
    if (!m) { return false; }
    if (core.accounts.markers[key] === m) {
      core.accounts.layer.zoomToShowLayer(m, function () { m.openPopup(); });
    } else {
      m.openPopup();
    }
    return true;
  };

  /* Fitting keeps the data clear of the controls: the layer switch in the top-right
     corner (the top is padded by its height) and the legend in the bottom-right one
     (padded by its width, data left of it, or its height, data above it, whichever
     costs the map less room), so no marker or route is placed under either. */
  function fitOptions(maxZoom, animate) {
    var map = core.map;
    var size = map.getSize();
    var box = core.legend ? core.legend.getContainer() : null;
    var layers = core.control ? core.control.getContainer() : null;
    var top = layers && layers.offsetHeight ? layers.offsetHeight + 16 : 20;
    var corner = [20, 20];
    if (box && box.offsetWidth && box.offsetHeight) {
      var w = box.offsetWidth + 20, h = box.offsetHeight + 24;
      corner = w / size.x <= h / size.y ? [w, 20] : [20, h];
    }
    return {paddingTopLeft: [20, top], paddingBottomRight: corner, maxZoom: maxZoom,
            animate: animate !== false};
  }

  planner.fitTo = function (ids) {
    var found = layersFor(parse(ids));
    if (!found.length) { return false; }
    var bounds = L.latLngBounds(found.map(function (m) { return m.getLatLng(); }));
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      // one spot (an account, its stop, accounts on a shared pin): in the middle, where
      // the legend never is, at a town's zoom (its neighbours and the nearby towns'
      // names in view), closer if the user already was
      core.map.setView(bounds.getCenter(), Math.max(core.map.getZoom(), 13));
    } else {
      core.map.fitBounds(bounds.pad(0.2), fitOptions(15));
    }
    return true;
  };

  /* Zoom to one day's route (by its label, e.g. "Tue 8 Dec"); the other days stay drawn. */
  planner.fitDay = function (label) {
    var layer = core.overlays[label];
    if (!layer || !layer.getBounds || !layer.getBounds().isValid()) { return false; }
    core.map.fitBounds(layer.getBounds(), fitOptions(15, false));
    return true;
  };

  /* What the map opens on ({key, bounds: [[south, west], [north, east]]}, from
     planner/maps/focus.py): the rep's week, else their accounts. Framed once per key, so
     a new rep or week re-frames the map and an edit of the same week keeps the view. */
  planner.setFocus = function (data) {
    var focus = parse(data);
    if (!focus || focus.key === core.focusKey) { return false; }
    var bounds = L.latLngBounds(focus.bounds);
    if (!bounds.isValid()) { return false; }
    core.focusKey = focus.key;
    core.hadView = true;  // the first data load does not fit everything any more
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      core.map.setView(bounds.getCenter(), 12, {animate: false});  // one spot: its town
    } else {
      core.map.fitBounds(bounds.pad(0.05), fitOptions(14, false));
    }
    return true;
  };

  /* A view named in the page's address, as on openstreetmap.org: #map=ZOOM/LAT/LON. */
  core.hashView = function () {
    var m = /^#map=(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
    return m ? {zoom: Number(m[1]), center: [Number(m[2]), Number(m[3])]} : null;
  };

  /* A day of the plan named in the page's address, by its label: #day=Tue%208%20Dec. */
  core.hashDay = function () {
    var m = /^#day=(.+)$/.exec(window.location.hash);
    return m ? planner.fitDay(decodeURIComponent(m[1])) : false;
  };

  core.firstView = function () {
    if (core.hadView || core.loadingPage) { return; }
    var bounds = L.latLngBounds([]);
    Object.keys(core.overlays).forEach(function (n) {
      var layer = core.overlays[n];
      if (layer.plannerBounds || layer.getBounds) {
        var b = layer.plannerBounds || layer.getBounds();
        if (b.isValid()) { bounds.extend(b); }
      }
    });
    if (bounds.isValid()) {
      core.map.fitBounds(bounds.pad(0.05), fitOptions(14, false));
      core.hadView = true;
    }
  };

  planner.stats = function () {
    var svg = core.map.getContainer();
    var accounts = core.accounts, routes = core.routes, remote = core.remote;
    var basemap = planner.basemapStats ? planner.basemapStats() : {};
    return {
      accounts: accounts.features.length,
      clustered: !!accounts.clustered,
      loaded: !!accounts.loaded,
      clusters: svg.querySelectorAll('.marker-cluster').length,
      sharedPins: svg.querySelectorAll('.planner-shared').length,
      markers: svg.querySelectorAll('path.planner-account').length,
      days: routes.days.slice(),
      legs: routes.legs,
      stops: Object.keys(routes.stops).length,
      remote: remote ? remote.getLayers().length : 0,
      places: basemap.places || 0,
      roads: basemap.roads || 0,
      remoteDrawn: document.querySelectorAll('.planner-remote').length,
      selected: Object.keys(core.selected),
      legendFolded: !!document.querySelector('.planner-legend-folded'),
      zoom: core.map.getZoom(),
      center: core.map.getCenter()
    };
  };
})();
