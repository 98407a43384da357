/* warlog web app: shared helpers. No inline scripts (the Content-Security-Policy forbids
   them); every element is built with textContent, never from HTML strings. */
"use strict";
var warlog = (function () {
  var TYPES = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#fd8d3c",
    "Violence against civilians": "#7a0177",
    "Protests": "#2171b5",
    "Riots": "#238b45",
    "Strategic developments": "#737373"
  };
  var STATUS = {
    reported: { color: "#555555", weight: 1, dashArray: null },
    claimed: { color: "#1f4e79", weight: 2, dashArray: null },
    contested: { color: "#000000", weight: 4, dashArray: "4 3" },
    confirmed: { color: "#ffffff", weight: 2, dashArray: null }
  };
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function basemap(map, url) {
    return fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {
        interactive: false,
        style: function () {
          return { color: "#9a9a8f", weight: 0.6, fillColor: "#efeee6", fillOpacity: 1 };
        }
      }).addTo(map).bringToBack();
    });
  }
  function newMap(id) {
    return L.map(id, { worldCopyJump: true, minZoom: 1, maxZoom: 12 })
      .setView([30, 20], 2);
  }
  return { TYPES: TYPES, STATUS: STATUS, el: el, basemap: basemap, newMap: newMap };
})();
