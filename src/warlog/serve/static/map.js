/* The map page: incidents as markers (clustered when dense), coloured by ACLED type, outlined
   by status, sized by fatalities; a timeline whose brushed range sets the date filters. */
"use strict";
(function () {
  var node = document.getElementById("map");
  if (!node) { return; }
  var map = warlog.newMap("map");
  map.attributionControl.addAttribution("Natural Earth");
  warlog.basemap(map, node.dataset.basemap);
  // chunked: thousands of markers are added a slice at a time, the page stays responsive
  var clusters = L.markerClusterGroup({
    maxClusterRadius: 30, showCoverageOnHover: false, chunkedLoading: true
  });
  map.addLayer(clusters);
  var areas = L.layerGroup().addTo(map);  // the incidents beyond the markers, per area
  var status = document.getElementById("map-status");
  var form = document.getElementById("filters");

  function radius(fatalities) {
    return Math.min(22, 5 + 2.2 * Math.sqrt(fatalities || 0));
  }

  function popup(point) {
    var box = warlog.el("div", null, "popup");
    var link = warlog.el("a", point.sub_type + " at " + (point.place || "unknown place"));
    link.href = "/events/" + encodeURIComponent(point.id);
    box.appendChild(link);
    box.appendChild(warlog.el("div", (point.date || "undated") + " · " + point.status +
      " · killed " + point.fatalities + " · " + point.reports + " report(s)"));
    return box;
  }

  // an area's count of the incidents the server sent no marker for (data.areas)
  function areaMarker(cell) {
    var marker = L.circleMarker([cell.lat, cell.lon], {
      radius: Math.min(24, 6 + 3 * Math.log(1 + cell.count)),
      fillColor: "#777777", fillOpacity: 0.35, color: "#444444", weight: 1,
      className: "area-marker"
    });
    marker.bindTooltip(cell.count + " more incident(s) here; narrow the filters to see them");
    return marker;
  }

  var area = null;  // the circle of the "near" filter
  function draw(data) {
    clusters.clearLayers();
    areas.clearLayers();
    var bounds = [], markers = [];
    if (area) { map.removeLayer(area); area = null; }
    if (data.near) {
      area = L.circle([data.near.lat, data.near.lon], {
        radius: data.near.km * 1000, color: "#555555", weight: 1, fill: false,
        dashArray: "4 4", interactive: false, className: "near-area"
      }).addTo(map);
    }
    data.points.forEach(function (point) {
      if (point.lat === null || point.lon === null) { return; }
      var outline = warlog.STATUS[point.status] || warlog.STATUS.reported;
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: radius(point.fatalities),
        fillColor: warlog.TYPES[point.type] || "#999999",
        fillOpacity: 0.85,
        color: outline.color,
        weight: outline.weight,
        dashArray: outline.dashArray,
        className: "incident-marker status-" + point.status
      });
      marker.bindPopup(popup(point));
      marker.bindTooltip(point.sub_type + " · " + point.status);
      markers.push(marker);
      bounds.push([point.lat, point.lon]);
    });
    clusters.addLayers(markers);
    (data.areas || []).forEach(function (cell) {
      areas.addLayer(areaMarker(cell));
      bounds.push([cell.lat, cell.lon]);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 }); }
    else if (area) { map.fitBounds(area.getBounds(), { padding: [30, 30] }); }
    node.dataset.markers = String(markers.length);
    node.dataset.areas = String((data.areas || []).length);
    var text = data.count + " incidents, " + data.placed + " on the map";
    if (data.more) {
      text += ": the latest " + markers.length + " as markers, " + data.more +
        " more counted per area (grey circles); narrow the filters to see them one by one";
    }
    status.textContent = text;
    timeline(data.timeline);
    killedChart(data.killed_by_side, data.timeline);
    node.dataset.loaded = "true";
  }

  // -- the timeline: one bar per day on a time axis; drag to pick a range -------------------
  var svg = document.getElementById("timeline");
  var NS = "http://www.w3.org/2000/svg";
  var width = 1000, height = 90, pad = 20;
  var DAY = 86400000;
  function dayValue(day) { return Date.parse(day + "T00:00:00Z"); }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function timeline(days) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    width = svg.clientWidth || 1000;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!days.length) { return; }
    var lo = dayValue(days[0].day), hi = dayValue(days[days.length - 1].day);
    if (hi === lo) { lo -= 86400000 * 15; hi += 86400000 * 15; }
    var max = Math.max.apply(null, days.map(function (d) { return d.count; }));
    var x = function (ms) { return pad + (ms - lo) / (hi - lo) * (width - 2 * pad); };
    var ms = function (px) { return lo + (px - pad) / (width - 2 * pad) * (hi - lo); };
    days.forEach(function (d) {
      var bar = document.createElementNS(NS, "rect");
      var h = Math.max(2, (height - 30) * d.count / max);
      bar.setAttribute("x", String(x(dayValue(d.day)) - 1));
      bar.setAttribute("y", String(height - 18 - h));
      bar.setAttribute("width", "3");
      bar.setAttribute("height", String(h));
      bar.setAttribute("class", "bar");
      var title = document.createElementNS(NS, "title");
      title.textContent = d.day + ": " + d.count;
      bar.appendChild(title);
      svg.appendChild(bar);
    });
    [lo, (lo + hi) / 2, hi].forEach(function (t, i) {
      var label = document.createElementNS(NS, "text");
      label.setAttribute("x", String(x(t)));
      label.setAttribute("y", String(height - 4));
      label.setAttribute("text-anchor", ["start", "middle", "end"][i]);
      label.textContent = isoDay(t);
      svg.appendChild(label);
    });
    var since = form.elements.since.value, until = form.elements.until.value;
    var brush = document.createElementNS(NS, "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("y", "0");
    brush.setAttribute("height", String(height - 18));
    function show(a, b) {
      brush.setAttribute("x", String(Math.min(a, b)));
      brush.setAttribute("width", String(Math.abs(b - a)));
    }
    if (since || until) {
      show(x(since ? dayValue(since) : lo), x(until ? dayValue(until) : hi));
    } else { show(0, 0); }
    svg.appendChild(brush);
    keyboardBrush(brush, show, x, lo, hi, since, until);
    var start = null;
    function px(event) {
      var box = svg.getBoundingClientRect();
      return (event.clientX - box.left) * width / box.width;
    }
    svg.onmousedown = function (event) { start = px(event); show(start, start); };
    svg.onmousemove = function (event) { if (start !== null) { show(start, px(event)); } };
    svg.onmouseup = function (event) {
      if (start === null) { return; }
      var end = px(event);
      var a = Math.min(start, end), b = Math.max(start, end);
      start = null;
      if (b - a < 3) { return; }
      // the days whose bars the brush covers: from the first whole day to the last
      var first = Math.ceil(ms(a) / DAY) * DAY, last = Math.floor(ms(b) / DAY) * DAY;
      if (first > last) { show(0, 0); return; }
      form.elements.since.value = isoDay(first);
      form.elements.until.value = isoDay(last);
      go();  // the URL holds the filters; map, list and exports follow them
    };
  }

  // -- the brush by keyboard: arrows move the range a day, shift+arrows move its end (so
  // widen or narrow it), Enter applies it (and so does a pause of a second) -------------------
  var FOCUS_KEY = "warlog-brush-focus";
  function keyboardBrush(brush, show, x, lo, hi, since, until) {
    var first = since ? dayValue(since) : lo, last = until ? dayValue(until) : hi;
    var pending = null;
    brush.setAttribute("tabindex", "0");
    brush.setAttribute("role", "slider");
    brush.setAttribute("aria-label", "Date range of the incidents shown: arrow keys move it " +
      "by a day, shift and arrow keys move its end to widen or narrow it, Enter applies it");
    function describe() {
      var text = isoDay(first) + " to " + isoDay(last);
      brush.setAttribute("aria-valuetext", text);
      brush.setAttribute("aria-valuemin", isoDay(lo));
      brush.setAttribute("aria-valuemax", isoDay(hi));
      brush.setAttribute("aria-valuenow", isoDay(first));
      brush.dataset.range = text;
    }
    function apply() {
      if (pending !== null) { clearTimeout(pending); pending = null; }
      form.elements.since.value = isoDay(first);
      form.elements.until.value = isoDay(last);
      try { sessionStorage.setItem(FOCUS_KEY, "1"); } catch (e) { /* storage off: no focus */ }
      go();
    }
    describe();
    brush.addEventListener("focus", function () { show(x(first) - 3, x(last) + 3); });
    brush.addEventListener("keydown", function (event) {
      var step = { ArrowLeft: -DAY, ArrowDown: -DAY, ArrowRight: DAY, ArrowUp: DAY }[event.key];
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); apply(); return; }
      if (!step) { return; }
      event.preventDefault();
      if (event.shiftKey) {  // resize: the end moves, never before the start
        last = Math.min(hi, Math.max(first, last + step));
      } else {  // move: the whole range, kept inside the timeline
        var shift = step > 0 ? Math.min(step, hi - last) : Math.max(step, lo - first);
        first += shift; last += shift;
      }
      show(x(first) - 3, x(last) + 3);
      describe();
      if (pending !== null) { clearTimeout(pending); }
      pending = setTimeout(apply, 1000);
    });
    var wanted = false;
    try { wanted = sessionStorage.getItem(FOCUS_KEY) === "1"; sessionStorage.removeItem(FOCUS_KEY); }
    catch (e) { wanted = false; }
    if (wanted) { brush.focus(); }
  }

  // submit the filters that are set, so the URL holds only those
  function go() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value) { params.set(field.name, field.value); }
    });
    var query = params.toString();
    location.assign("/" + (query ? "?" + query : ""));
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); go(); });

  // -- killed per day and side: bars side by side on the timeline's axis --------------------
  var PALETTE = ["#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#4d4d4d"];
  function killedChart(rows, days) {
    var chart = document.getElementById("killed-chart");
    var legend = document.getElementById("killed-legend");
    if (!chart) { return; }
    while (chart.firstChild) { chart.removeChild(chart.firstChild); }
    legend.textContent = "";
    if (!rows.length || !days.length) { legend.textContent = "No killed figure for these incidents."; return; }
    var w = chart.clientWidth || 1000, h = 110;
    chart.setAttribute("viewBox", "0 0 " + w + " " + h);
    var lo = dayValue(days[0].day), hi = dayValue(days[days.length - 1].day);
    if (hi === lo) { lo -= DAY * 15; hi += DAY * 15; }
    var x = function (ms) { return pad + (ms - lo) / (hi - lo) * (w - 2 * pad); };
    var sides = [];
    rows.forEach(function (r) { if (sides.indexOf(r.side) < 0) { sides.push(r.side); } });
    sides.sort();
    var max = Math.max.apply(null, rows.map(function (r) { return r.killed; }));
    rows.forEach(function (r) {
      var i = sides.indexOf(r.side);
      var bar = document.createElementNS(NS, "rect");
      var bh = Math.max(2, (h - 20) * r.killed / max);
      bar.setAttribute("x", String(x(dayValue(r.day)) - 2 + i * 3));
      bar.setAttribute("y", String(h - 4 - bh));
      bar.setAttribute("width", "3");
      bar.setAttribute("height", String(bh));
      bar.setAttribute("fill", PALETTE[i % PALETTE.length]);
      var title = document.createElementNS(NS, "title");
      title.textContent = r.day + ", side " + r.side + ": " + r.killed + " killed";
      bar.appendChild(title);
      chart.appendChild(bar);
    });
    sides.forEach(function (side, i) {
      var key = warlog.el("span", null, "key");
      var swatch = warlog.el("span", null, "swatch side-" + (i % PALETTE.length));
      key.appendChild(swatch);
      key.appendChild(document.createTextNode("side " + side + "  "));
      legend.appendChild(key);
    });
  }

  var clear = document.getElementById("clear-range");
  if (clear) {
    clear.onclick = function () {
      form.elements.since.value = "";
      form.elements.until.value = "";
      go();
    };
  }
  ["f-type", "f-side", "f-country", "f-status"].forEach(function (id) {
    var select = document.getElementById(id);
    if (select) { select.onchange = go; }
  });

  status.textContent = "loading…";
  fetch(node.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) { throw new Error("the server said " + r.status); }
      return r.json();
    })
    .then(draw)
    .catch(function (error) { status.textContent = "The map could not load: " + error.message; });
})();
