/* A small map where a place matters (a marker's, an incident's page): the place, the border
   sections and the markers around it, from the map API. Our own code over Leaflet. */
(function () {
  "use strict";
  if (!window.L) { return; }
  var AROUND = 0.03;  // degrees each way (about 3 km): the neighbours worth seeing
  document.querySelectorAll(".minimap").forEach(function (el) {
    // one place (data-lon, data-lat, data-label), or several (data-points: [[lon, lat, label]])
    var places = el.dataset.points ? JSON.parse(el.dataset.points)
      : [[parseFloat(el.dataset.lon), parseFloat(el.dataset.lat), el.dataset.label]];
    places = places.filter(function (p) { return !isNaN(p[0]) && !isNaN(p[1]); });
    if (!places.length) { return; }
    var lons = places.map(function (p) { return p[0]; }), lats = places.map(function (p) { return p[1]; });
    var west = Math.min.apply(null, lons), east = Math.max.apply(null, lons);
    var south = Math.min.apply(null, lats), north = Math.max.apply(null, lats);
    var map = L.map(el, { scrollWheelZoom: false, attributionControl: false });
    if (places.length === 1) { map.setView([south, west], 14); }
    else { map.fitBounds([[south, west], [north, east]], { padding: [24, 24], maxZoom: 15 }); }
    var bbox = [west - AROUND, south - AROUND, east + AROUND, north + AROUND].map(function (v) { return v.toFixed(6); }).join(",");
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
      places.forEach(function (p) {
        var ring = L.circleMarker([p[1], p[0]], { radius: 10, color: "#d50000", weight: 3, fill: false,
                                                  interactive: false, className: "place" }).addTo(map);
        if (p[2]) { ring.bindTooltip(String(p[2]), { permanent: places.length === 1, direction: "right" }); }
      });
      el.dataset.loaded = "1";
    }).catch(function () { el.dataset.loaded = "error"; });
  });
})();
