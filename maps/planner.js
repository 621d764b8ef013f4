/*
 * planner.js - the map page's API (Territory planner): its shared state, overlays,
 * legend, Qt bridge and start-up. The rest of the API lives beside it:
 *   planner-dom.js      DOM helpers (load it first)
 *   planner-layers.js   planner.setAccounts / setRoutes / setRemote / setTerritories / setColorBy
 *   planner-view.js     planner.select / pick / patchAccounts / fitTo / fitDay / openPopup / stats
 *   planner-patch.js    planner.patchRoutes / patchRemote (a plan edit redraws what changed)
 *   planner-basemap.js  offline outlines, town labels (setPlaces) and roads (setRoads)
 *   planner-select.js   shift-drag box selection
 *
 * The page is loaded once; data arrive afterwards as GeoJSON (objects or JSON
 * strings) through:
 *   planner.setAccounts(geojson)     points; properties from planner/maps/layers.py
 *   planner.setRoutes(geojson)       legs (LineString) and stops (Point), one layer per day
 *   planner.setRemote(geojson)       accounts served by phone/video this week
 *   planner.setTerritories(geojson)  rep areas (Polygon) and home bases (Point)
 *   planner.setPlaces(geojson)       town labels (name, population, minZoom), by zoom
 *   planner.setRoads(table)          road lines by class, drawn by zoom (planner/maps/roads.py)
 *   planner.setRoadDetail(table)     the view's streets, asked for by bridge.roadsWanted(box)
 *   planner.patchAccounts({features, remove})  replace/add those points, drop the ids
 *   planner.patchRoutes({days: {label: features}, remove: [labels]})  redraw those days
 *   planner.patchRemote({features, remove})    replace/add those remote accounts by id
 *   planner.select(ids) / planner.fitTo(ids) / planner.fitDay(label) / planner.openPopup(id)
 *   planner.setColorBy(field)
 *   planner.setFocus({key, bounds})  frame the rep's week (once per key: planner/maps/focus.py)
 *   planner.pick(ids)                select as if the user did it on the map (reported)
 *   planner.stats()                  counts of what is drawn (tests, benchmarks)
 * Updates keep the user's zoom and pan; only the first data load fits the view, unless
 * the page's address names one as openstreetmap.org does: page.html#map=ZOOM/LAT/LON, or
 * a day of the plan: page.html#day=Tue%208%20Dec (its label, as in the legend).
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
 * only takes HTML (layer control names), never as markup.
 */
(function () {
  'use strict';

  var dom = window.plannerDom;  // planner-dom.js, loaded first
  var planner = {ready: false};
  window.planner = planner;

  /* State shared by the planner-*.js files (planner.core); replaced fields are reassigned
     on this object, never on a local copy. */
  var core = {
    map: null,
    config: {},
    control: null,
    legend: null,
    bridge: null,
    pendingClicks: [],
    hadView: false,
    focusKey: null,              // the focus the view was framed on (setFocus)
    loadingPage: false,          // init() fits once, after every embedded layer is in
    hidden: {},                  // overlay name -> true when the user switched it off
    overlays: {},                // overlay name -> layer
    rawNames: {},                // escaped name shown in the control -> overlay name
    accounts: {layer: null, markers: {}, features: []},
    routes: {days: [], colors: {}, stops: {}, legs: 0},
    remote: null,
    territories: null,
    selected: {}
  };
  planner.core = core;

  core.label = function (key) {
    return (core.config.labels && core.config.labels[key]) || key;
  };

  core.infoBox = function (title, rows) {
    return dom.infoBox(title, rows, core.label);
  };

  core.notify = function (id) {
    document.dispatchEvent(new CustomEvent('planner:click', {detail: {id: id}}));
    if (core.bridge && core.bridge.markerClicked) {
      core.bridge.markerClicked(id);
    } else {
      core.pendingClicks.push(id);
    }
  };

  /* ---- overlays in the layer control (names are HTML there: escape) ---- */

  core.putOverlay = function (name, layer) {
    core.overlays[name] = layer;
    core.rawNames[dom.esc(name)] = name;
    if (core.control) { core.control.addOverlay(layer, dom.esc(name)); }
    if (!core.hidden[name]) { layer.addTo(core.map); }
  };

  core.dropOverlay = function (name) {
    var layer = core.overlays[name];
    if (!layer) { return; }
    if (core.control) { core.control.removeLayer(layer); }
    core.map.removeLayer(layer);
    delete core.overlays[name];
  };

  function watchOverlays() {
    // the control reports the escaped name it was given; map it back
    core.map.on('overlayremove', function (e) { core.hidden[core.rawNames[e.name] || e.name] = true; });
    core.map.on('overlayadd', function (e) { delete core.hidden[core.rawNames[e.name] || e.name]; });
  }

  /* ---- legend with the colour-by choice (folded by default: it never covers data) ---- */

  core.drawLegend = function () {
    var config = core.config;
    dom.drawLegend(core.legend.getContainer(), {
      palettes: config.palettes || {},
      colorBy: config.colorBy,
      onColorBy: function (field) { planner.setColorBy(field); },
      sharedLabel: core.label('shared_pin'),
      foldLabel: core.label('legend_fold'),
      title: core.label('legend'),
      valueLabel: function (value) {
        var key = config.colorBy + '_' + value;
        return (config.labels && config.labels[key]) || value;
      },
      remoteLabel: core.remote && core.remote.getLayers().length ? core.label('remote') : null,
      days: core.routes.days,
      dayColors: core.routes.colors
    });
  };

  function addTiles() {
    var config = core.config;
    if (!(config.tiles && config.tiles.url)) { return; }
    var name = config.tiles.name || core.label('online_map');
    var tiles = L.tileLayer(config.tiles.url, {attribution: config.tiles.attribution || '',
                                               maxZoom: config.tiles.maxZoom || 19});
    tiles.addTo(core.map);
    core.overlays[name] = tiles;
    core.control.addOverlay(tiles, dom.esc(name));
  }

  function connectBridge() {
    dom.connectBridge(function (channelBridge) {
      core.bridge = channelBridge;
      core.pendingClicks.splice(0).forEach(function (id) { channelBridge.markerClicked(id); });
      if (channelBridge.pageReady) { channelBridge.pageReady(); }
    });
  }

  function loadEmbedded() {
    var data = dom.readJson('planner-data') || {};
    core.loadingPage = true;
    if (data.territories) { planner.setTerritories(data.territories); }
    if (data.accounts) { planner.setAccounts(data.accounts); }
    if (data.remote) { planner.setRemote(data.remote); }
    if (data.routes) { planner.setRoutes(data.routes); }
    // a standalone page's offline base map (the app pushes its own)
    if (data.places) { planner.setPlaces(data.places); }
    if (data.roads) { planner.setRoads(data.roads); }
    core.loadingPage = false;
    if (data.focus && !core.hadView) { planner.setFocus(data.focus); }
    core.firstView();
  }

  planner.init = function (leafletMap, pageConfig) {
    var map = leafletMap;
    core.map = map;
    core.config = pageConfig || dom.readJson('planner-config') || {};
    map.getContainer().classList.add('planner-map');
    // markercluster needs a finite maxZoom; without a tile layer the map has none
    if (!isFinite(map.getMaxZoom())) { map.setMaxZoom(core.config.maxZoom || 18); }
    planner.map = map;
    core.control = L.control.layers(null, null, {collapsed: true, position: 'topright'}).addTo(map);
    watchOverlays();
    planner.addOutlines(map);
    addTiles();
    core.legend = dom.makeLegend(map);
    core.drawLegend();
    var view = core.hashView() || core.config.view;
    if (view) {
      map.setView(view.center, view.zoom);
      core.hadView = true;
    }
    loadEmbedded();
    core.hashDay();
    if (window.plannerSelect) { window.plannerSelect.install(map, planner); }
    connectBridge();
    planner.ready = true;
    document.dispatchEvent(new CustomEvent('planner:ready'));
  };
})();
