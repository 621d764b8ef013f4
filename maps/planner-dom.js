/*
 * planner-dom.js - DOM helpers of the planner map page, used by planner.js.
 *
 * Everything here builds elements from data with textContent (or esc() for the
 * few Leaflet options that take HTML), so CRM strings never become markup.
 */
(function () {
  'use strict';

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function parse(data) {
    return typeof data === 'string' ? JSON.parse(data) : data;
  }

  // {"type": "PointTable", columns, rows: [[lon, lat, id, ...values]]} -> GeoJSON
  function expandTable(table) {
    var cols = table.columns;
    var features = table.rows.map(function (row) {
      var props = {};
      for (var i = 0; i < cols.length; i++) { props[cols[i]] = row[i + 3]; }
      return {type: 'Feature', id: row[2], properties: props,
              geometry: {type: 'Point', coordinates: [row[0], row[1]]}};
    });
    return {type: 'FeatureCollection', features: features, palettes: table.palettes};
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function infoBox(title, rows, label) {
    var box = el('div', 'planner-info');
    box.appendChild(el('div', 'planner-info-title', title));
    rows.forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === '') { return; }
      var line = el('div', 'planner-info-row');
      line.appendChild(el('span', 'planner-info-key', label(row[0]) + ': '));
      line.appendChild(el('span', 'planner-info-value', row[1]));
      box.appendChild(line);
    });
    return box;
  }

  function stopIcon(p) {
    var badge = el('div', 'planner-stop-badge', p.seq);
    badge.style.background = p.color;
    return L.divIcon({className: 'planner-stop', html: badge, iconSize: [22, 22], iconAnchor: [11, 11]});
  }

  function baseIcon(p) {
    var badge = el('div', 'planner-base-badge', p.kind === 'hotel' ? 'H' : '⌂');
    badge.style.borderColor = p.color || '#333333';
    return L.divIcon({className: 'planner-base', html: badge, iconSize: [22, 22], iconAnchor: [11, 11]});
  }

  function remoteIcon() {
    return L.divIcon({className: 'planner-remote', html: el('div', 'planner-remote-badge'),
                      iconSize: [12, 12]});
  }

  function sharedPinIcon(cluster) {
    var badge = el('div', 'planner-shared-badge', cluster.getChildCount());
    return L.divIcon({className: 'planner-shared', html: badge, iconSize: [24, 24]});
  }

  function legendRow(box, swatchClass, color, text) {
    var row = el('div', 'planner-legend-row');
    var swatch = el('span', swatchClass);
    if (color) { swatch.style.background = color; }
    row.appendChild(swatch);
    row.appendChild(el('span', null, text));
    box.appendChild(row);
  }

  /* ---- legend: colour-by choice, its palette, shared pins, remote, days ----
     Folded by default (a small head: the fold button, the colour-by choice and the
     palette's swatches), so it never covers the data; unfolded on demand, and the
     user's choice is kept across redraws and page loads. */

  function readFolded() {
    try { return window.localStorage.getItem('planner.legendFolded') !== 'false'; } catch (e) { return true; }
  }

  function keepFolded(folded) {
    try { window.localStorage.setItem('planner.legendFolded', String(folded)); } catch (e) { /* no storage */ }
  }

  var legendFolded = readFolded();

  function colorBySelect(o) {
    var select = el('select', 'planner-colorby');
    select.title = o.title;
    Object.keys(o.palettes).forEach(function (field) {
      var option = el('option', null, o.palettes[field].label || field);
      option.value = field;
      option.selected = field === o.colorBy;
      select.appendChild(option);
    });
    select.addEventListener('change', function () { o.onColorBy(select.value); });
    return select;
  }

  function miniSwatches(palette, o) {
    var mini = el('span', 'planner-legend-mini');
    (palette.order || []).forEach(function (value) {
      var swatch = el('span', 'planner-swatch');
      swatch.style.background = palette.colors[value];
      swatch.title = o.valueLabel(value);
      mini.appendChild(swatch);
    });
    return mini;
  }

  function legendRows(palette, o) {
    var rows = el('div', 'planner-legend-rows');
    (palette.order || []).forEach(function (value) {
      legendRow(rows, 'planner-swatch', palette.colors[value], o.valueLabel(value));
    });
    legendRow(rows, 'planner-swatch planner-swatch-shared', null, o.sharedLabel);
    if (o.remoteLabel) { legendRow(rows, 'planner-swatch planner-remote-badge', null, o.remoteLabel); }
    o.days.forEach(function (day) {
      legendRow(rows, 'planner-swatch planner-swatch-day', o.dayColors[day], day);
    });
    return rows;
  }

  function drawLegend(box, o) {
    box.textContent = '';
    var palette = o.palettes[o.colorBy] || {order: []};
    var head = el('div', 'planner-legend-head');
    var fold = el('button', 'planner-legend-fold');
    fold.type = 'button';
    fold.title = o.foldLabel;
    var mini = miniSwatches(palette, o);
    var rows = legendRows(palette, o);
    function show() {
      box.classList.toggle('planner-legend-folded', legendFolded);
      fold.textContent = legendFolded ? '\u25b8' : '\u25be';
      rows.style.display = legendFolded ? 'none' : '';
      mini.style.display = legendFolded ? '' : 'none';
    }
    fold.addEventListener('click', function () {
      legendFolded = !legendFolded;
      keepFolded(legendFolded);
      show();
    });
    head.appendChild(fold);
    head.appendChild(colorBySelect(o));
    head.appendChild(mini);
    box.appendChild(head);
    box.appendChild(rows);
    show();
  }

  function makeLegend(map) {
    var Legend = L.Control.extend({
      options: {position: 'bottomright'},
      onAdd: function () {
        var div = L.DomUtil.create('div', 'planner-legend leaflet-bar');
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Legend().addTo(map);
  }

  /* ---- Qt: the channel's `bridge` object, when the page runs in QtWebEngine ---- */

  function connectBridge(onBridge) {
    if (!(window.qt && window.qt.webChannelTransport)) { return; }
    var script = document.createElement('script');
    script.src = 'qrc:///qtwebchannel/qwebchannel.js';
    script.onload = function () {
      new window.QWebChannel(window.qt.webChannelTransport, function (channel) {
        if (channel.objects.bridge) { onBridge(channel.objects.bridge); }
      });
    };
    document.head.appendChild(script);
  }

  window.plannerDom = {
    esc: esc, el: el, parse: parse, expandTable: expandTable, readJson: readJson,
    infoBox: infoBox, stopIcon: stopIcon, baseIcon: baseIcon, remoteIcon: remoteIcon,
    sharedPinIcon: sharedPinIcon, legendRow: legendRow, drawLegend: drawLegend,
    makeLegend: makeLegend, connectBridge: connectBridge
  };
})();
