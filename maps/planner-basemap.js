/*
 * planner-basemap.js - the offline base map under the data: country and region outlines,
 * town labels by zoom (planner.setPlaces) and roads by class (planner.setRoads).
 * Load after planner.js. Nothing here is clickable, and every label goes through
 * textContent.
 */
(function () {
  'use strict';

  var dom = window.plannerDom;
  var planner = window.planner;
  var core = planner.core;
  var el = dom.el, parse = dom.parse;

  function pane(map, name, zIndex) {
    if (!map.getPane(name)) {
      map.createPane(name);
      map.getPane(name).style.zIndex = zIndex;
      map.getPane(name).style.pointerEvents = 'none';
    }
    return name;
  }

  /* ---- outlines, in a pane under the tiles: they cover it when online ---- */

  planner.addOutlines = function (map) {
    pane(map, 'basemap', 150);  // tilePane is 200
    var renderer = L.canvas({pane: 'basemap'});
    var regions = window.PLANNER_BASEMAP_REGIONS;
    var sources = [[window.PLANNER_BASEMAP_COUNTRIES, 1.0], [regions, 0.8]];
    sources.forEach(function (source) {
      if (!source[0]) { return; }
      L.geoJSON(source[0], {pane: 'basemap', renderer: renderer, interactive: false,
        // the 1:110m Italy overshoots the regions' finer coastline into the sea
        filter: function (f) { return !(regions && source[0] !== regions && f.properties.name === 'Italy'); },
        style: {color: '#9a8f80', weight: source[1], fillColor: '#f4f1ea', fillOpacity: 1}}).addTo(map);
    });
  };

  /* ---- town and city labels (the gazetteer), by zoom level ---- */

  var places = {layer: null, features: []};

  function drawPlaces() {
    var map = core.map;
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
      pane(core.map, 'places', 350);  // over the roads, under the data
      places.layer = L.layerGroup().addTo(core.map);
      core.map.on('zoomend moveend', drawPlaces);
    }
    drawPlaces();
  };

  /* ---- roads from the region's extract: one canvas, only what the view shows ----
     The area's roads come whole by class; when a big region left the minor classes out
     ("partial"), zooming in to where they show asks the app for the view's streets
     (bridge.roadsWanted, or a "planner:roads-wanted" event outside Qt): setRoadDetail. */

  var roads = {layer: null, renderer: null, classes: [], lines: [], drawn: 0,
               partial: false, missingFrom: 0, detail: [], asked: null};

  // {"type": "RoadLines", classes: [{name, minZoom, color, weight}], partial,
  //  lines: [[class index, [lon, lat, lon, lat, ...]], ...]}
  function readLines(table) {
    return (table.lines || []).map(function (row) {
      var flat = row[1], latlngs = [];
      for (var i = 0; i + 1 < flat.length; i += 2) { latlngs.push([flat[i + 1], flat[i]]); }
      return {cls: row[0], latlngs: latlngs, bounds: L.latLngBounds(latlngs), path: null};
    }).sort(function (a, b) { return b.cls - a.cls; });  // major roads drawn last, on top
  }

  function drawLine(line, zoom, view) {
    var cls = roads.classes[line.cls];
    if (!cls || cls.minZoom > zoom || !view.intersects(line.bounds)) { return; }
    if (!line.path) {
      line.path = L.polyline(line.latlngs, {renderer: roads.renderer, interactive: false,
                                            color: cls.color, weight: cls.weight, opacity: 1});
    }
    roads.layer.addLayer(line.path);
    roads.drawn += 1;
  }

  function askDetail(zoom, view) {
    var missing = roads.classes[roads.missingFrom];
    if (!roads.partial || !missing || zoom < missing.minZoom) { return; }
    if (roads.asked && roads.asked.contains(view)) { return; }
    roads.asked = view.pad(0.5);
    var box = JSON.stringify([roads.asked.getSouth(), roads.asked.getWest(),
                              roads.asked.getNorth(), roads.asked.getEast()]);
    document.dispatchEvent(new CustomEvent('planner:roads-wanted', {detail: {box: box}}));
    if (core.bridge && core.bridge.roadsWanted) { core.bridge.roadsWanted(box); }
  }

  function drawRoads() {
    var map = core.map;
    var zoom = map.getZoom(), view = map.getBounds().pad(0.1);
    roads.layer.clearLayers();
    roads.drawn = 0;
    roads.lines.forEach(function (line) { drawLine(line, zoom, view); });
    roads.detail.forEach(function (line) {
      if (line.cls >= roads.missingFrom) { drawLine(line, zoom, view); }
    });
    askDetail(zoom, map.getBounds());
  }

  // the first class the area's lines lack (classes are read major first, whole or not at all)
  function missingFrom(lines) {
    var top = -1;
    lines.forEach(function (line) { top = Math.max(top, line.cls); });
    return top + 1;
  }

  planner.setRoads = function (data) {
    var table = parse(data) || {};
    var map = core.map;
    if (!roads.layer) {
      pane(map, 'roads', 300);  // over the outlines and tiles, under the labels
      roads.renderer = L.canvas({pane: 'roads', padding: 0.1});
      roads.layer = L.layerGroup();
      map.on('zoomend moveend', function () { if (map.hasLayer(roads.layer)) { drawRoads(); } });
      map.on('overlayadd', function (e) { if (e.layer === roads.layer) { drawRoads(); } });
    }
    roads.classes = table.classes || [];
    roads.lines = readLines(table);
    roads.partial = !!table.partial;
    roads.missingFrom = missingFrom(roads.lines);
    roads.detail = [];
    roads.asked = null;
    var name = core.label('roads');
    core.dropOverlay(name);
    if (roads.lines.length) { core.putOverlay(name, roads.layer); }
    drawRoads();
  };

  /* Every road of the view asked for (setRoads' table format): its minor classes join
     the area's major ones until the next setRoads. */
  planner.setRoadDetail = function (data) {
    roads.detail = readLines(parse(data) || {});
    if (roads.layer && core.map.hasLayer(roads.layer)) { drawRoads(); }
  };

  planner.basemapStats = function () {
    return {places: places.layer ? places.layer.getLayers().length : 0,
            roads: roads.layer && core.map.hasLayer(roads.layer) ? roads.drawn : 0};
  };
})();
