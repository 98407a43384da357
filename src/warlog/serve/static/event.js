/* The incident page: a small map of where it happened. */
"use strict";
(function () {
  var node = document.getElementById("mini-map");
  if (!node) { return; }
  var lat = parseFloat(node.dataset.lat), lon = parseFloat(node.dataset.lon);
  var map = warlog.newMap("mini-map").setView([lat, lon], 6);
  warlog.basemap(map, node.dataset.basemap);
  L.circleMarker([lat, lon], { radius: 8, color: "#000", weight: 2, fillColor: "#d7301f", fillOpacity: 0.9 })
    .addTo(map);
})();
