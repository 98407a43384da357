/* The episode page: a small map of its incidents, from the data attributes of the table's
   rows (coloured by type, outlined by status, each linked to its incident). */
"use strict";
(function () {
  var node = document.getElementById("mini-map");
  if (!node) { return; }
  var map = warlog.newMap("mini-map");
  warlog.basemap(map, node.dataset.basemap);
  var bounds = [];
  var rows = document.querySelectorAll("#episode-incidents tr[data-lat]");
  Array.prototype.forEach.call(rows, function (row) {
    var lat = parseFloat(row.dataset.lat), lon = parseFloat(row.dataset.lon);
    var outline = warlog.STATUS[row.dataset.status] || warlog.STATUS.reported;
    var marker = L.circleMarker([lat, lon], {
      radius: 7, fillColor: warlog.TYPES[row.dataset.type] || "#999999", fillOpacity: 0.85,
      color: outline.color, weight: outline.weight, dashArray: outline.dashArray,
      className: "incident-marker status-" + row.dataset.status
    }).addTo(map);
    var link = warlog.el("a", row.dataset.label);
    link.href = "/events/" + encodeURIComponent(row.dataset.id);
    marker.bindPopup(link);
    bounds.push([lat, lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 6); }
  else if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 }); }
  node.dataset.markers = String(bounds.length);
})();
