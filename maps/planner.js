/*
 * planner.js - the map page's API (Territory planner).
 *
 * The page is loaded once; data arrive afterwards as GeoJSON (objects or JSON
 * strings) through:
 *   planner.setAccounts(geojson)     points; properties from planner/maps/layers.py
 *   planner.setRoutes(geojson)       legs (LineString) and stops (Point), one layer per day
 *   planner.setRemote(geojson)       accounts served by phone/video this week
 *   planner.setTerritories(geojson)  rep areas (Polygon) and home bases (Point)
 *   planner.setPlaces(geojson)       town labels (name, population, minZoom), by zoom
 *   planner.patchAccounts({features, remove})  replace/add those points, drop the ids
 *   planner.patchRoutes({days: {label: features}, remove: [labels]})  redraw those days
 *   planner.patchRemote({features, remove})    replace/add those remote accounts by id
 *   planner.select(ids) / planner.fitTo(ids) / planner.fitDay(label) / planner.openPopup(id)
 *   planner.setColorBy(field)
 *   planner.pick(ids)                select as if the user did it on the map (reported)
 *   planner.stats()                  counts of what is drawn (tests, benchmarks)
 * Updates keep the user's zoom and pan; only the first data load fits the view.
 *
 * Qt bridge: when qt.webChannelTransport exists, qwebchannel.js is loaded from
 * qrc:, and a click on an account or stop calls bridge.markerClicked(id); a shift- or
 * ctrl-click toggles the account in the selection, and a shift-drag box selects the
 * accounts inside (planner-select.js); both call
 * bridge.selectionChanged(JSON list of ids); when the channel is up,
 * bridge.pageReady() is called if the object has it.
 * Outside Qt, the same clicks dispatch "planner:click" / "planner:selection" DOM events.
 *
 * Every CRM string reaches the DOM through textContent, or esc() where Leaflet
 * only takes HTML (layer control names), never as markup. DOM building, the
 * legend, the offline outlines and the Qt channel live in planner-dom.js (load it first).
 */
(function () {
  'use strict';

  var dom = window.plannerDom;  // planner-dom.js, loaded first
  var esc = dom.esc, el = dom.el, parse = dom.parse, expandTable = dom.expandTable;
  var readJson = dom.readJson, stopIcon = dom.stopIcon, baseIcon = dom.baseIcon;
  var remoteIcon = dom.remoteIcon, sharedPinIcon = dom.sharedPinIcon;
  var planner = {ready: false};
  window.planner = planner;

  var map = null;
  var config = {};
  var control = null;
  var legend = null;
  var bridge = null;
  var pendingClicks = [];
  var hadView = false;
  var loadingPage = false;        // init() fits once, after every embedded layer is in
  var hidden = {};               // overlay name -> true when the user switched it off
  var overlays = {};             // overlay name -> layer
  var rawNames = {};             // escaped name shown in the control -> overlay name
  var accounts = {layer: null, markers: {}, features: []};
  var routes = {days: [], colors: {}, stops: {}, legs: 0, byDay: {}};
  var remote = null;
  var remoteById = {};  // account id -> its marker in the remote layer
  var shownOrder = [];  // overlay names in the order first shown (the layer control's)
  var dayNames = {};  // names that are (or were) days of the plan
  var territories = null;
  var selected = {};

  function label(key) {
    return (config.labels && config.labels[key]) || key;
  }

  function infoBox(title, rows) {
    return dom.infoBox(title, rows, label);
  }

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

  function notify(id) {
    document.dispatchEvent(new CustomEvent('planner:click', {detail: {id: id}}));
    if (bridge && bridge.markerClicked) { bridge.markerClicked(id); } else { pendingClicks.push(id); }
  }

  /* ---- overlays in the layer control (names are HTML there: escape) ---- */

  function putOverlay(name, layer) {
    if (shownOrder.indexOf(name) < 0) { shownOrder.push(name); }
    overlays[name] = layer;
    rawNames[esc(name)] = name;
    if (control) { control.addOverlay(layer, esc(name)); }
    if (!hidden[name]) { layer.addTo(map); }
  }

  function dropOverlay(name) {
    var layer = overlays[name];
    if (!layer) { return; }
    if (control) { control.removeLayer(layer); }
    map.removeLayer(layer);
    delete overlays[name];
  }

  function watchOverlays() {
    // the control reports the escaped name it was given; map it back
    map.on('overlayremove', function (e) { hidden[rawNames[e.name] || e.name] = true; });
    map.on('overlayadd', function (e) { delete hidden[rawNames[e.name] || e.name]; });
  }

  /* ---- accounts ---- */

  function accountColor(p) {
    var field = config.colorBy || 'priority';
    var palette = (config.palettes || {})[field];
    var value = p[field];
    if (palette && palette.colors && palette.colors[value]) { return palette.colors[value]; }
    return (palette && palette.other) || '#777777';
  }

  function accountStyle(p) {
    var isSel = !!selected[p.id];
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
  }

  function makeAccountMarker(feature) {
    var c = feature.geometry.coordinates;
    var p = feature.properties;
    p.id = feature.id !== undefined ? String(feature.id) : String(p.id);
    var marker = L.circleMarker([c[1], c[0]], accountStyle(p));
    marker.feature = feature;
    marker.bindTooltip(function () {
      return el('span', null, p.shared > 1 ? p.name + ' (+' + (p.shared - 1) + ')' : p.name);
    });
    marker.bindPopup(function () { return accountInfo(p); });
    marker.on('click', function (e) {
      var ev = e.originalEvent || {};
      if (ev.shiftKey || ev.ctrlKey || ev.metaKey) { toggleSelected(p.id); } else { notify(p.id); }
    });
    return marker;
  }

  planner.setAccounts = function (data) {
    var geojson = parse(data);
    if (geojson.type === 'PointTable') { geojson = expandTable(geojson); }
    if (geojson.palettes) { config.palettes = geojson.palettes; }
    var name = label('accounts');
    dropOverlay(name);
    accounts.markers = {};
    accounts.features = geojson.features || [];
    var list = accounts.features.map(function (f) {
      var m = makeAccountMarker(f);
      accounts.markers[m.feature.properties.id] = m;
      return m;
    });
    // Many accounts: ordinary clusters. Few: a 1 px radius only merges pins on the same
    // spot (town-level geocodes), shown as a shared-pin badge that spiderfies on click.
    var many = list.length > (config.clusterThreshold || 0);
    accounts.loaded = false;
    var group = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      maxClusterRadius: many ? 40 : 1,
      iconCreateFunction: many ? undefined : sharedPinIcon,
      chunkProgress: function (done, total) {
        if (done === total && group === accounts.layer) {
          accounts.loaded = true;
          document.dispatchEvent(new CustomEvent('planner:accounts-loaded'));
        }
      }
    });
    group.addLayers(list);
    accounts.loaded = list.length === 0;
    // chunked loading makes getBounds() partial until done: remember the data's own
    group.plannerBounds = L.latLngBounds(list.map(function (m) { return m.getLatLng(); }));
    accounts.layer = group;
    accounts.clustered = many;
    putOverlay(name, group);
    drawLegend();
    firstView();
  };

  planner.setColorBy = function (field) {
    config.colorBy = field;
    Object.keys(accounts.markers).forEach(function (id) {
      var m = accounts.markers[id];
      m.setStyle(accountStyle(m.feature.properties));
    });
    drawLegend();
  };

  /* ---- week plan: one overlay per day ---- */

  function routeFeature(feature, dayLayer) {
    var p = feature.properties;
    var g = feature.geometry;
    if (g.type === 'LineString') {
      var line = L.polyline(g.coordinates.map(function (c) { return [c[1], c[0]]; }),
                            {color: p.color, weight: 4, opacity: 0.85, className: 'planner-leg'});
      line.bindTooltip(function () { return el('span', null, p.label || ''); }, {sticky: true});
      dayLayer.addLayer(line);
      routes.legs += 1;
      return;
    }
    var latlng = [g.coordinates[1], g.coordinates[0]];
    if (p.kind === 'stop') {
      var stop = L.marker(latlng, {icon: stopIcon(p), zIndexOffset: 1000, title: ''});
      stop.bindTooltip(function () { return el('span', null, p.seq + '. ' + p.name); });
      stop.bindPopup(function () {
        return infoBox(p.seq + '. ' + p.name, [['day', p.day_label], ['time', p.time],
                                               ['visit_value', p.visit_value], ['note', p.note]]);
      });
      stop.on('click', function () { notify(String(p.id)); });
      routes.stops[String(p.id)] = stop;
      dayLayer.addLayer(stop);
    } else {
      var base = L.marker(latlng, {icon: baseIcon(p), title: '', zIndexOffset: 2000});
      base.bindTooltip(function () { return el('span', null, p.name); });
      dayLayer.addLayer(base);
    }
  }

  function byDayLabel(features) {
    var out = {};
    features.forEach(function (f) {
      var name = f.properties.day_label;
      (out[name] = out[name] || []).push(f);
    });
    return out;
  }

  function dropDay(name) {
    dropOverlay(name);
    var day = routes.byDay[name];
    if (day) {
      day.stops.forEach(function (id) { delete routes.stops[id]; });
      routes.legs -= day.legs;
      delete routes.byDay[name];
    }
    routes.days = routes.days.filter(function (d) { return d !== name; });
    delete routes.colors[name];
  }

  function addDay(name, features) {
    var group = L.featureGroup();
    var legsBefore = routes.legs;
    features.forEach(function (f) { routeFeature(f, group); });
    routes.byDay[name] = {
      iso: features[0].properties.day,
      legs: routes.legs - legsBefore,
      stops: features.filter(function (f) { return f.properties.kind === 'stop'; })
        .map(function (f) { return String(f.properties.id); })
    };
    routes.days.push(name);
    routes.colors[name] = features[0].properties.color;
    putOverlay(name, group);
  }

  // Days in date order, in the legend and in the layer control, where the days first
  // appeared among the other overlays (a patched day is added last: put it back).
  function orderDays() {
    routes.days.sort(function (a, b) {
      return routes.byDay[a].iso < routes.byDay[b].iso ? -1 : 1;
    });
    routes.days.forEach(function (name) { dayNames[name] = true; });
    if (!control) { return; }
    var others = shownOrder.filter(function (n) { return overlays[n] && !dayNames[n]; });
    var at = shownOrder.filter(function (n) { return !dayNames[n]; }).length;
    var firstDay = shownOrder.findIndex(function (n) { return dayNames[n]; });
    if (firstDay >= 0) {
      at = shownOrder.slice(0, firstDay).filter(function (n) { return !dayNames[n]; }).length;
    }
    var names = others.slice(0, at).concat(routes.days, others.slice(at));
    names.forEach(function (n) { control.removeLayer(overlays[n]); });
    names.forEach(function (n) { control.addOverlay(overlays[n], esc(n)); });
  }

  planner.setRoutes = function (data) {
    var geojson = parse(data);
    routes.days.slice().forEach(dropDay);
    routes = {days: [], colors: {}, stops: {}, legs: 0, byDay: {}};
    var days = byDayLabel(geojson.features || []);
    Object.keys(days).forEach(function (name) { addDay(name, days[name]); });
    orderDays();
    drawLegend();
    firstView();
  };

  // Only the days that changed: {days: {label: features}, remove: [labels]}. A plan
  // edit on Tuesday redraws Tuesday; the other days' layers stay as they are.
  planner.patchRoutes = function (data) {
    var patch = parse(data);
    var days = patch.days || {};
    (patch.remove || []).concat(Object.keys(days)).forEach(dropDay);
    Object.keys(days).forEach(function (name) { addDay(name, days[name]); });
    orderDays();
    drawLegend();
  };

  function remoteMarker(f) {
    var c = f.geometry.coordinates;
    var p = f.properties;
    var m = L.marker([c[1], c[0]], {icon: remoteIcon(), title: ''});
    m.bindTooltip(function () { return el('span', null, p.name); });
    m.bindPopup(function () {
      return infoBox(p.name, [['visit_value', p.visit_value], ['channel', p.channel],
                              ['reason', p.reason]]);
    });
    m.on('click', function () { notify(String(p.id)); });
    remoteById[String(p.id)] = m;
    return m;
  }

  planner.setRemote = function (data) {
    var geojson = parse(data);
    var name = label('remote');
    dropOverlay(name);
    remoteById = {};
    var group = L.featureGroup();
    (geojson.features || []).forEach(function (f) { group.addLayer(remoteMarker(f)); });
    remote = group;
    putOverlay(name, group);
    drawLegend();
  };

  // Only the remote accounts that changed: {features, remove} by account id.
  planner.patchRemote = function (data) {
    var patch = parse(data);
    if (!remote) { planner.setRemote({features: patch.features || []}); return; }
    var features = patch.features || [];
    (patch.remove || []).concat(features.map(function (f) { return String(f.properties.id); }))
      .forEach(function (id) {
        if (remoteById[id]) { remote.removeLayer(remoteById[id]); }
        delete remoteById[id];
      });
    features.forEach(function (f) { remote.addLayer(remoteMarker(f)); });
    drawLegend();
  };

  /* ---- town and city labels (offline base map), by zoom level ---- */

  var places = {layer: null, features: []};

  function drawPlaces() {
    if (!places.layer) { return; }
    var zoom = map.getZoom(), view = map.getBounds().pad(0.2);
    places.layer.clearLayers();
    places.features.forEach(function (f) {
      var c = f.geometry.coordinates;
      if (f.properties.minZoom > zoom || !view.contains([c[1], c[0]])) { return; }
      var big = f.properties.population >= 100000;
      var icon = L.divIcon({className: 'planner-place' + (big ? ' planner-place-city' : ''),
                            html: el('span', null, f.properties.name), iconSize: null});
      places.layer.addLayer(L.marker([c[1], c[0]], {icon: icon, pane: 'places',
                                                    interactive: false, keyboard: false}));
    });
  }

  /* Labels from the gazetteer: {features: [{name, population, minZoom}]}; shown from
     their minZoom on, under every data layer, never clickable. */
  planner.setPlaces = function (data) {
    var geojson = parse(data);
    places.features = geojson.features || [];
    if (!places.layer) {
      map.createPane('places');
      map.getPane('places').style.zIndex = 350;  // over the outlines, under the data
      map.getPane('places').style.pointerEvents = 'none';
      places.layer = L.layerGroup().addTo(map);
      map.on('zoomend moveend', drawPlaces);
    }
    drawPlaces();
  };

  planner.setTerritories = function (data) {
    var geojson = parse(data);
    var name = label('territories');
    dropOverlay(name);
    var group = L.featureGroup();
    (geojson.features || []).forEach(function (f) {
      var p = f.properties;
      if (f.geometry.type === 'Point') {
        var c = f.geometry.coordinates;
        var home = L.marker([c[1], c[0]], {icon: baseIcon(p), title: '', zIndexOffset: 2000});
        home.bindTooltip(function () { return el('span', null, p.name); });
        group.addLayer(home);
        return;
      }
      // Dashed: a territory's edge never reads as a day's (solid) route.
      var area = L.geoJSON(f, {style: {color: p.color, weight: 2, dashArray: '6 4',
                                      fillColor: p.color, fillOpacity: 0.08,
                                      className: 'planner-territory'}});
      area.bindTooltip(function () { return el('span', null, p.name + ' · ' + p.rep + ' (' + p.accounts + ')'); },
                       {sticky: true});
      group.addLayer(area);
    });
    group.eachLayer(function (layer) { if (layer.bringToBack) { layer.bringToBack(); } });
    territories = group;
    putOverlay(name, group);
    firstView();
  };

  /* ---- selection and view ---- */

  function layersFor(ids) {
    var out = [];
    (ids || []).forEach(function (id) {
      id = String(id);
      if (accounts.markers[id]) { out.push(accounts.markers[id]); }
      if (routes.stops[id]) { out.push(routes.stops[id]); }
    });
    return out;
  }

  // shift/ctrl-click adds or removes one account; the UI hears the whole selection
  function toggleSelected(id) {
    var ids = Object.keys(selected).filter(function (k) { return k !== id; });
    if (!selected[id]) { ids.push(id); }
    planner.pick(ids);
  }

  planner.pick = function (ids) {
    planner.select(ids);
    document.dispatchEvent(new CustomEvent('planner:selection', {detail: {ids: ids}}));
    if (bridge && bridge.selectionChanged) { bridge.selectionChanged(JSON.stringify(ids)); }
  };

  planner.accountsIn = function (bounds) {
    return Object.keys(accounts.markers).filter(function (id) {
      return bounds.contains(accounts.markers[id].getLatLng());
    });
  };

  // Only the accounts that changed: one moved pin or re-planned visit redraws a few points.
  planner.patchAccounts = function (data) {
    var patch = parse(data);
    var group = accounts.layer;
    var features = patch.features || [];
    var gone = {};
    (patch.remove || []).concat(features.map(function (f) { return String(f.id); }))
      .forEach(function (id) {
        gone[id] = true;
        if (accounts.markers[id]) { group.removeLayer(accounts.markers[id]); }
        delete accounts.markers[id];
      });
    accounts.features = accounts.features.filter(function (f) { return !gone[String(f.id)]; });
    group.addLayers(features.map(function (f) {
      var m = makeAccountMarker(f);
      accounts.markers[m.feature.properties.id] = m;
      accounts.features.push(f);
      return m;
    }));
  };

  planner.select = function (ids) {
    ids = parse(ids) || [];
    var before = Object.keys(selected);
    selected = {};
    ids.forEach(function (id) { selected[String(id)] = true; });
    before.concat(Object.keys(selected)).forEach(function (id) {
      var m = accounts.markers[id];
      if (m) { m.setStyle(accountStyle(m.feature.properties)); if (selected[id]) { m.bringToFront(); } }
    });
  };

  planner.openPopup = function (id) {
    var m = accounts.markers[String(id)] || routes.stops[String(id)];
    if (!m) { return false; }
    if (accounts.markers[String(id)] === m) {
      accounts.layer.zoomToShowLayer(m, function () { m.openPopup(); });
    } else {
      m.openPopup();
    }
    return true;
  };

  /* Fitting keeps the data clear of the legend in the bottom-right corner: the view is
     padded by the legend's width (data left of it) or its height (data above it),
     whichever costs the map less room, so no marker or route is placed under it. */
  function fitOptions(maxZoom, animate) {
    var box = legend ? legend.getContainer() : null;
    var size = map.getSize();
    var corner = [20, 20];
    if (box && box.offsetWidth && box.offsetHeight) {
      var w = box.offsetWidth + 20, h = box.offsetHeight + 20;
      corner = w / size.x <= h / size.y ? [w, 20] : [20, h];
    }
    return {paddingTopLeft: [20, 20], paddingBottomRight: corner, maxZoom: maxZoom,
            animate: animate !== false};
  }

  planner.fitTo = function (ids) {
    var found = layersFor(parse(ids));
    if (!found.length) { return false; }
    var bounds = L.latLngBounds(found.map(function (m) { return m.getLatLng(); }));
    if (found.length === 1) {  // one account: in the middle, where the legend never is
      map.setView(bounds.getCenter(), 15);
    } else {
      map.fitBounds(bounds.pad(0.2), fitOptions(15));
    }
    return true;
  };

  /* Zoom to one day's route (by its label, e.g. "Tue 8 Dec"); the other days stay drawn. */
  planner.fitDay = function (label) {
    var layer = overlays[label];
    if (!layer || !layer.getBounds || !layer.getBounds().isValid()) { return false; }
    map.fitBounds(layer.getBounds(), fitOptions(15, false));
    return true;
  };

  function firstView() {
    if (hadView || loadingPage) { return; }
    var bounds = L.latLngBounds([]);
    Object.keys(overlays).forEach(function (n) {
      var layer = overlays[n];
      if (layer.plannerBounds || layer.getBounds) {
        var b = layer.plannerBounds || layer.getBounds();
        if (b.isValid()) { bounds.extend(b); }
      }
    });
    if (bounds.isValid()) { map.fitBounds(bounds.pad(0.05), fitOptions(14, false)); hadView = true; }
  }

  planner.stats = function () {
    var svg = map.getContainer();
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
      places: places.layer ? places.layer.getLayers().length : 0,
      remoteDrawn: document.querySelectorAll('.planner-remote').length,
      selected: Object.keys(selected),
      zoom: map.getZoom(),
      center: map.getCenter()
    };
  };

  /* ---- legend with the colour-by choice ---- */

  function drawLegend() {
    dom.drawLegend(legend.getContainer(), {
      palettes: config.palettes || {},
      colorBy: config.colorBy,
      onColorBy: function (field) { planner.setColorBy(field); },
      sharedLabel: label('shared_pin'),
      foldLabel: label('legend_fold'),
      valueLabel: function (value) {
        var key = config.colorBy + '_' + value;
        return (config.labels && config.labels[key]) || value;
      },
      remoteLabel: remote && remote.getLayers().length ? label('remote') : null,
      days: routes.days,
      dayColors: routes.colors
    });
  }

  function addTiles() {
    if (!(config.tiles && config.tiles.url)) { return; }
    var name = config.tiles.name || label('online_map');
    var tiles = L.tileLayer(config.tiles.url, {attribution: config.tiles.attribution || '',
                                               maxZoom: config.tiles.maxZoom || 19});
    tiles.addTo(map);
    overlays[name] = tiles;
    control.addOverlay(tiles, esc(name));
  }

  function connectBridge() {
    dom.connectBridge(function (channelBridge) {
      bridge = channelBridge;
      pendingClicks.splice(0).forEach(function (id) { bridge.markerClicked(id); });
      if (bridge.pageReady) { bridge.pageReady(); }
    });
  }

  planner.init = function (leafletMap, pageConfig) {
    map = leafletMap;
    config = pageConfig || readJson('planner-config') || {};
    map.getContainer().classList.add('planner-map');
    // markercluster needs a finite maxZoom; without a tile layer the map has none
    if (!isFinite(map.getMaxZoom())) { map.setMaxZoom(config.maxZoom || 18); }
    planner.map = map;
    control = L.control.layers(null, null, {collapsed: true, position: 'topright'}).addTo(map);
    watchOverlays();
    dom.addOutlines(map);
    addTiles();
    legend = dom.makeLegend(map);
    drawLegend();
    if (config.view) { map.setView(config.view.center, config.view.zoom); hadView = true; }
    var data = readJson('planner-data') || {};
    loadingPage = true;
    if (data.territories) { planner.setTerritories(data.territories); }
    if (data.accounts) { planner.setAccounts(data.accounts); }
    if (data.remote) { planner.setRemote(data.remote); }
    if (data.routes) { planner.setRoutes(data.routes); }
    loadingPage = false;
    firstView();
    if (window.plannerSelect) { window.plannerSelect.install(map, planner); }
    connectBridge();
    planner.ready = true;
    document.dispatchEvent(new CustomEvent('planner:ready'));
  };
})();
