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

  /* ---- roads from the region's extract: one canvas, only what the view shows ---- */

  var roads = {layer: null, renderer: null, classes: [], lines: [], drawn: 0};

  // {"type": "RoadLines", classes: [{name, minZoom, color, weight}],
  //  lines: [[class index, [lon, lat, lon, lat, ...]], ...]}
  function readLines(table) {
    return (table.lines || []).map(function (row) {
      var flat = row[1], latlngs = [];
      for (var i = 0; i + 1 < flat.length; i += 2) { latlngs.push([flat[i + 1], flat[i]]); }
      return {cls: row[0], latlngs: latlngs, bounds: L.latLngBounds(latlngs), path: null};
    });
  }

  function drawRoads() {
    var map = core.map;
    var zoom = map.getZoom(), view = map.getBounds().pad(0.1);
    roads.layer.clearLayers();
    roads.drawn = 0;
    roads.lines.forEach(function (line) {
      var cls = roads.classes[line.cls];
      if (!cls || cls.minZoom > zoom || !view.intersects(line.bounds)) { return; }
      if (!line.path) {
        line.path = L.polyline(line.latlngs, {renderer: roads.renderer, interactive: false,
                                              color: cls.color, weight: cls.weight, opacity: 1});
      }
      roads.layer.addLayer(line.path);
      roads.drawn += 1;
    });
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
    // major roads last, so they are drawn over the minor ones
    roads.lines = readLines(table).sort(function (a, b) { return b.cls - a.cls; });
    var name = core.label('roads');
    core.dropOverlay(name);
    if (roads.lines.length) { core.putOverlay(name, roads.layer); }
    drawRoads();
  };

  planner.basemapStats = function () {
    return {places: places.layer ? places.layer.getLayers().length : 0,
            roads: roads.layer && core.map.hasLayer(roads.layer) ? roads.drawn : 0};
  };
})();
