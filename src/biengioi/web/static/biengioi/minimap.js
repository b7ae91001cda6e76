/* A small map where a place matters (a marker's, an incident's page): the place, the border
   sections and the markers around it, from the map API. Our own code over Leaflet. */
(function () {
  "use strict";
  if (!window.L) { return; }
  var AROUND = 0.03;  // degrees each way (about 3 km): the neighbours worth seeing
  document.querySelectorAll(".minimap").forEach(function (el) {
    var lon = parseFloat(el.dataset.lon), lat = parseFloat(el.dataset.lat);
    if (isNaN(lon) || isNaN(lat)) { return; }
    var map = L.map(el, { scrollWheelZoom: false, attributionControl: false }).setView([lat, lon], 14);
    var bbox = [lon - AROUND, lat - AROUND, lon + AROUND, lat + AROUND].map(function (v) { return v.toFixed(6); }).join(",");
    function load(url) {
      return fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": " + r.status); }
        return r.json();
      });
    }
    Promise.all([
      load(el.dataset.sections).then(function (data) {
        L.geoJSON(data, { style: { color: "#1565c0", weight: 4, className: "section" }, interactive: false }).addTo(map);
      }),
      load(el.dataset.markers + "?bbox=" + bbox).then(function (data) {
        L.geoJSON(data, {
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, { radius: 5, color: "#fff", weight: 1, fillColor: "#2e7d32",
                                            fillOpacity: 0.9, className: "marker" });
          },
          onEachFeature: function (f, l) {
            l.bindTooltip(f.properties.identifier);
            l.on("click", function () { window.location.href = f.properties.url; });
          }
        }).addTo(map);
      })
    ]).then(function () {
      L.circleMarker([lat, lon], { radius: 10, color: "#d50000", weight: 3, fill: false, interactive: false,
                                   className: "place" }).addTo(map).bindTooltip(el.dataset.label, { permanent: true, direction: "right" });
      el.dataset.loaded = "1";
    }).catch(function () { el.dataset.loaded = "error"; });
  });
})();
