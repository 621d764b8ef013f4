/*
 * planner-patch.js - updates by part: after a plan edit only what changed is redrawn.
 *   planner.patchRoutes({days: {label: features}, remove: [labels]})  those days' overlays
 *   planner.patchRemote({features, remove})   those remote accounts, by account id
 * (planner.patchAccounts, for the points, lives with the accounts in planner-layers.js.)
 * The layer control and the legend keep their order: a replaced day stays in its place.
 * Load after planner-layers.js.
 */
(function () {
  'use strict';

  var dom = window.plannerDom;
  var planner = window.planner;
  var core = planner.core;

  // Runs `change`, then puts the overlays back in the order they had (new ones last).
  function keepingOrder(change) {
    var before = Object.keys(core.overlays);
    change();
    var now = Object.keys(core.overlays);
    var names = before.filter(function (n) { return core.overlays[n]; })
      .concat(now.filter(function (n) { return before.indexOf(n) < 0; }));
    var ordered = {};
    names.forEach(function (n) { ordered[n] = core.overlays[n]; });
    core.overlays = ordered;
    if (!core.control) { return; }
    names.forEach(function (n) { core.control.removeLayer(ordered[n]); });
    names.forEach(function (n) { core.control.addOverlay(ordered[n], dom.esc(n)); });
  }

  // A day's overlay out: its stops and legs no longer counted.
  function dropDay(name) {
    var layer = core.overlays[name];
    var routes = core.routes;
    if (layer) {
      Object.keys(routes.stops).forEach(function (id) {
        if (layer.hasLayer(routes.stops[id])) { delete routes.stops[id]; }
      });
      layer.eachLayer(function (l) { if (l instanceof L.Polyline) { routes.legs -= 1; } });
      core.dropOverlay(name);
    }
  }

  function addDay(name, features) {
    var group = L.featureGroup();
    features.forEach(function (f) { core.routeFeature(f, group); });
    core.routes.colors[name] = features[0].properties.color;
    core.putOverlay(name, group);
  }

  // A day already shown is redrawn inside its own layer: the layer control is untouched.
  function redrawDay(name, features) {
    var layer = core.overlays[name];
    var routes = core.routes;
    Object.keys(routes.stops).forEach(function (id) {
      if (layer.hasLayer(routes.stops[id])) { delete routes.stops[id]; }
    });
    layer.eachLayer(function (l) { if (l instanceof L.Polyline) { routes.legs -= 1; } });
    layer.clearLayers();
    features.forEach(function (f) { core.routeFeature(f, layer); });
    routes.colors[name] = features[0].properties.color;
  }

  planner.patchRoutes = function (data) {
    var patch = dom.parse(data);
    var days = patch.days || {};
    var routes = core.routes;
    var redrawn = Object.keys(days).filter(function (name) { return core.overlays[name]; });
    redrawn.forEach(function (name) { redrawDay(name, days[name]); });
    var added = Object.keys(days).filter(function (name) { return redrawn.indexOf(name) < 0; });
    if ((patch.remove || []).length || added.length) {
      keepingOrder(function () {
        (patch.remove || []).forEach(function (name) {
          dropDay(name);
          routes.days = routes.days.filter(function (d) { return d !== name; });
          delete routes.colors[name];
        });
        added.forEach(function (name) {
          addDay(name, days[name]);
          if (routes.days.indexOf(name) < 0) { routes.days.push(name); }
        });
      });
    }
    core.drawLegend();
  };

  planner.patchRemote = function (data) {
    var patch = dom.parse(data);
    var features = patch.features || [];
    if (!core.remote) { planner.setRemote({features: features}); return; }
    var group = core.remote;
    var shown = {};
    group.eachLayer(function (m) { shown[m.plannerId] = m; });
    (patch.remove || []).forEach(function (id) {
      if (shown[id]) { group.removeLayer(shown[id]); }
    });
    features.forEach(function (f) {
      var m = shown[String(f.properties.id)];
      var c = f.geometry.coordinates;
      if (m && m.getLatLng().lat === c[1] && m.getLatLng().lng === c[0]) {
        m.plannerFeature = f;  // the same spot: a new reason or value, no redraw
        return;
      }
      if (m) { group.removeLayer(m); }
      group.addLayer(core.remoteMarker(f));
    });
    core.drawLegend();
  };
})();
