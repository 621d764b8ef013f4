/*
 * planner-layers.js - the data layers of the map page: accounts (coloured by a chosen
 * field), the week's routes (one overlay per day), the remote list and territories.
 * Load after planner.js; see its header for the API.
 */
(function () {
  'use strict';

  var dom = window.plannerDom;
  var planner = window.planner;
  var core = planner.core;
  var el = dom.el, parse = dom.parse, label = core.label, infoBox = core.infoBox;

  /* ---- popups and tooltips: DOM built from properties, text only ---- */

  function accountInfo(p) {
    var shared = p.shared > 1 ? String(p.shared) + ' × ' + p.precision : '';
    return infoBox(p.name, [
      ['visit_value', p.visit_value], ['priority', label('priority_' + p.priority)],
      ['deal_amount', p.deal_amount], ['stage', p.stage],
      ['last_visit', p.last_visit], ['planned', p.planned], ['rep', p.rep],
      ['territory', p.territory], ['precision', p.precision], ['shared', shared],
      ['doubtful', p.doubtful]
    ]);
  }

  /* ---- accounts ---- */

  function accountColor(p) {
    var field = core.config.colorBy || 'priority';
    var palette = (core.config.palettes || {})[field];
    var value = p[field];
    if (palette && palette.colors && palette.colors[value]) { return palette.colors[value]; }
    return (palette && palette.other) || '#777777';
  }

  core.accountStyle = function (p) {
    var isSel = !!core.selected[p.id];
    var shared = p.shared > 1 || p.coarse;
    var doubtful = !!p.doubtful;  // far from the rest of its territory: a red ring
    return {
      radius: p.radius || 6,
      fillColor: accountColor(p),
      fillOpacity: 0.85,
      color: isSel ? '#000000' : (doubtful ? '#d00000' : (shared ? '#222222' : '#ffffff')),
      weight: isSel ? 4 : (doubtful ? 3.5 : (shared ? 2.5 : 1.5)),
      dashArray: (shared || doubtful) && !isSel ? '3 3' : null,
      className: 'planner-account'
    };
  };

  function accountId(feature) {
    var p = feature.properties;
    p.id = feature.id !== undefined ? String(feature.id) : String(p.id);
    return p.id;
  }

  // Tooltip, popup and click read the marker's feature when used: a patch that leaves a
  // point where it was only swaps the feature (core.updateAccountMarker).
  core.makeAccountMarker = function (feature) {
    var c = feature.geometry.coordinates;
    var id = accountId(feature);
    var marker = L.circleMarker([c[1], c[0]], core.accountStyle(feature.properties));
    marker.feature = feature;
    marker.bindTooltip(function () {
      var p = marker.feature.properties;
      return el('span', null, p.shared > 1 ? p.name + ' (+' + (p.shared - 1) + ')' : p.name);
    });
    marker.bindPopup(function () { return accountInfo(marker.feature.properties); });
    marker.on('click', function (e) {
      var ev = e.originalEvent || {};
      if (ev.shiftKey || ev.ctrlKey || ev.metaKey) { core.toggleSelected(id); } else { core.notify(id); }
    });
    return marker;
  };

  // The same point with new properties (a value, a colour): restyled where it is, no
  // redraw of its cluster. False when the point moved (it must be made again).
  core.updateAccountMarker = function (marker, feature) {
    var c = feature.geometry.coordinates;
    var at = marker.getLatLng();
    if (at.lat !== c[1] || at.lng !== c[0]) { return false; }
    accountId(feature);
    marker.feature = feature;
    marker.setStyle(core.accountStyle(feature.properties));
    return true;
  };

  function clusterGroup(many) {
    // Many accounts: ordinary clusters. Few: a 1 px radius only merges pins on the same
    // spot (town-level geocodes), shown as a shared-pin badge that spiderfies on click.
    var group = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      maxClusterRadius: many ? 40 : 1,
      iconCreateFunction: many ? undefined : dom.sharedPinIcon,
      chunkProgress: function (done, total) {
        if (done === total && group === core.accounts.layer) {
          core.accounts.loaded = true;
          document.dispatchEvent(new CustomEvent('planner:accounts-loaded'));
        }
      }
    });
    return group;
  }

  planner.setAccounts = function (data) {
    var geojson = parse(data);
    if (geojson.type === 'PointTable') { geojson = dom.expandTable(geojson); }
    if (geojson.palettes) { core.config.palettes = geojson.palettes; }
    var name = label('accounts');
    var accounts = core.accounts;
    core.dropOverlay(name);
    accounts.markers = {};
    accounts.features = geojson.features || [];
    var list = accounts.features.map(function (f) {
      var m = core.makeAccountMarker(f);
      accounts.markers[m.feature.properties.id] = m;
      return m;
    });
    var many = list.length > (core.config.clusterThreshold || 0);
    accounts.loaded = false;
    var group = clusterGroup(many);
    accounts.layer = group;
    group.addLayers(list);
    accounts.loaded = list.length === 0;
    // chunked loading makes getBounds() partial until done: remember the data's own
    group.plannerBounds = L.latLngBounds(list.map(function (m) { return m.getLatLng(); }));
    accounts.clustered = many;
    core.putOverlay(name, group);
    core.drawLegend();
    core.firstView();
  };

  planner.setColorBy = function (field) {
    core.config.colorBy = field;
    Object.keys(core.accounts.markers).forEach(function (id) {
      var m = core.accounts.markers[id];
      m.setStyle(core.accountStyle(m.feature.properties));
    });
    core.drawLegend();
  };

  /* ---- week plan: one overlay per day ---- */

  // Draws one feature of a day into its layer (also used by planner-patch.js).
  var routeFeature = core.routeFeature = function (feature, dayLayer) {
    var p = feature.properties;
    var g = feature.geometry;
    if (g.type === 'LineString') {
      var line = L.polyline(g.coordinates.map(function (c) { return [c[1], c[0]]; }),
                            {color: p.color, weight: 4, opacity: 0.85, className: 'planner-leg'});
      line.bindTooltip(function () { return el('span', null, p.label || ''); }, {sticky: true});
      dayLayer.addLayer(line);
      core.routes.legs += 1;
      return;
    }
    var latlng = [g.coordinates[1], g.coordinates[0]];
    if (p.kind === 'stop') {
      var stop = L.marker(latlng, {icon: dom.stopIcon(p), zIndexOffset: 1000, title: ''});
      stop.bindTooltip(function () { return el('span', null, p.seq + '. ' + p.name); });
      stop.bindPopup(function () {
        return infoBox(p.seq + '. ' + p.name, [['day', p.day_label], ['time', p.time],
                                               ['visit_value', p.visit_value], ['note', p.note]]);
      });
      stop.on('click', function () { core.notify(String(p.id)); });
      core.routes.stops[String(p.id)] = stop;
      dayLayer.addLayer(stop);
    } else {
      var base = L.marker(latlng, {icon: dom.baseIcon(p), title: '', zIndexOffset: 2000});
      base.bindTooltip(function () { return el('span', null, p.name); });
      dayLayer.addLayer(base);
    }
  };

  planner.setRoutes = function (data) {
    var geojson = parse(data);
    core.routes.days.forEach(function (d) { core.dropOverlay(d); });
    var routes = {days: [], colors: {}, stops: {}, legs: 0};
    core.routes = routes;
    var byDay = {};
    (geojson.features || []).forEach(function (f) {
      var name = f.properties.day_label;
      if (!byDay[name]) {
        byDay[name] = L.featureGroup();
        routes.days.push(name);
        routes.colors[name] = f.properties.color;
      }
      routeFeature(f, byDay[name]);
    });
    routes.days.forEach(function (name) { core.putOverlay(name, byDay[name]); });
    core.drawLegend();
    core.firstView();
  };

  // One remote account's marker; `plannerId` lets planner-patch.js replace it.
  // Like the accounts' markers, these read their feature when used (planner-patch.js
  // swaps the feature of one that has not moved).
  core.remoteMarker = function (f) {
    var c = f.geometry.coordinates;
    var m = L.marker([c[1], c[0]], {icon: dom.remoteIcon(), title: ''});
    m.plannerFeature = f;
    m.bindTooltip(function () { return el('span', null, m.plannerFeature.properties.name); });
    m.bindPopup(function () {
      var p = m.plannerFeature.properties;
      return infoBox(p.name, [['visit_value', p.visit_value], ['channel', p.channel],
                              ['reason', p.reason]]);
    });
    m.plannerId = String(f.properties.id);
    m.on('click', function () { core.notify(m.plannerId); });
    return m;
  };

  planner.setRemote = function (data) {
    var geojson = parse(data);
    var name = label('remote');
    core.dropOverlay(name);
    var group = L.featureGroup();
    (geojson.features || []).forEach(function (f) { group.addLayer(core.remoteMarker(f)); });
    core.remote = group;
    core.putOverlay(name, group);
    core.drawLegend();
  };

  function territoryLayer(f) {
    var p = f.properties;
    if (f.geometry.type === 'Point') {
      var c = f.geometry.coordinates;
      var home = L.marker([c[1], c[0]], {icon: dom.baseIcon(p), title: '', zIndexOffset: 2000});
      home.bindTooltip(function () { return el('span', null, p.name); });
      return home;
    }
    // Dashed: a territory's edge never reads as a day's (solid) route.
    var area = L.geoJSON(f, {style: {color: p.color, weight: 2, dashArray: '6 4',
                                    fillColor: p.color, fillOpacity: 0.08,
                                    className: 'planner-territory'}});
    area.bindTooltip(function () {
      return el('span', null, p.name + ' · ' + p.rep + ' (' + p.accounts + ')');
    }, {sticky: true});
    return area;
  }

  planner.setTerritories = function (data) {
    var geojson = parse(data);
    var name = label('territories');
    core.dropOverlay(name);
    var group = L.featureGroup();
    (geojson.features || []).forEach(function (f) { group.addLayer(territoryLayer(f)); });
    group.eachLayer(function (layer) { if (layer.bringToBack) { layer.bringToBack(); } });
    core.territories = group;
    core.putOverlay(name, group);
    core.firstView();
  };
})();
