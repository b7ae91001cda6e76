/* Maps inside forms, over the fields that still work without them (ADR 0010):
   - a place picker under a form's longitude and latitude fields: click to place, drag the pin,
     paste "16.78, 106.51" as a phone's map app copies it, or use the device's position;
   - a line editor over a section's GeoJSON field: click to add a vertex, drag to move it,
     right-click (long press on a phone) to remove it.
   Both only fill the form's own fields; the server's services check and save as before.
   Our own code over Leaflet. */
(function () {
  "use strict";
  if (!window.L) { return; }
  // Vietnam's box, as core/geo.py checks it. Its latitudes and longitudes do not overlap, so a
  // pasted pair is read whichever order it comes in.
  var LAT = [8, 24], LON = [102, 110];
  var AREA_MARGIN = 0.2;  // degrees (about 20 km) around the sections: the province's area
  var AROUND = 0.05;      // degrees around a place: the markers worth drawing near it
  var DIGITS = 7;         // the fields' decimal places

  function load(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }
  function number(text) { return parseFloat(String(text).trim().replace(",", ".")); }
  function fixed(value) { return value.toFixed(DIGITS); }
  function within(value, range) { return value >= range[0] && value <= range[1]; }

  /* "16.78, 106.51", "106,51 16,78", "16.78°N 106.51°E" -> {lat, lon}, or {error: key}. */
  function parsePair(text) {
    var found = String(text).match(/-?\d+(?:[.,]\d+)?/g) || [];
    if (found.length !== 2) { return { error: "unread" }; }
    var a = number(found[0]), b = number(found[1]);
    if (within(a, LAT) && within(b, LON)) { return { lat: a, lon: b }; }
    if (within(a, LON) && within(b, LAT)) { return { lat: b, lon: a }; }
    return { error: "unread" };
  }
  window.biengioiParsePlace = parsePair;  // read by the browser tests' table of pastes

  /* A map with the background countries and the border sections; resolves to the sections'
     bounds (the province's area), or null when it has none. */
  function baseMap(el, urls) {
    var map = L.map(el, { attributionControl: false });
    var area = load(urls.countries).then(function (data) {
      L.geoJSON(data, { style: { color: "#bbb", weight: 1, fillColor: "#eee", fillOpacity: 0.6 },
                        interactive: false }).addTo(map);
    }).catch(function () { /* a plain background will do */ }).then(function () {
      return load(urls.sections);
    }).then(function (data) {
      var drawn = L.geoJSON(data, { style: { color: "#1565c0", weight: 4, opacity: 0.6, className: "section" },
                                    interactive: false }).addTo(map);
      return data.features.length ? drawn.getBounds() : null;
    });
    map.on("zoomend", function () { el.dataset.zoom = String(map.getZoom()); });
    return { map: map, area: area };
  }

  function placePicker(box) {
    var form = box.closest("form");
    var lonInput = form.querySelector("input[name=lon]"), latInput = form.querySelector("input[name=lat]");
    if (!lonInput || !latInput) { return; }
    var el = box.querySelector(".placepicker-map");
    var paste = box.querySelector(".placepicker-paste");
    var message = box.querySelector(".placepicker-message");
    var here = box.querySelector(".placepicker-here");
    latInput.closest("div").after(box);
    box.hidden = false;
    var base = baseMap(el, box.dataset), map = base.map, area = null, pin = null;

    function say(key, isError) {
      message.textContent = key ? box.dataset[key] : "";
      message.classList.toggle("errorlist", !!isError);
    }
    function current() {
      var lon = number(lonInput.value), lat = number(latInput.value);
      return isNaN(lon) || isNaN(lat) ? null : L.latLng(lat, lon);
    }
    function showPin(latlng) {
      if (!pin) {
        pin = L.marker(latlng, { draggable: true, autoPan: true, keyboard: false,
                                 title: box.dataset.pin, alt: box.dataset.pin }).addTo(map);
        pin.getElement().setAttribute("data-testid", "placepicker-pin");
        pin.on("dragend", function () { write(pin.getLatLng()); say(""); });
      } else {
        pin.setLatLng(latlng);
      }
    }
    function write(latlng) {  // the user placed it: the fields follow
      lonInput.value = fixed(latlng.lng);
      latInput.value = fixed(latlng.lat);
    }
    function place(latlng, why) {
      if (area && !area.contains(latlng)) { say("outside", true); return false; }
      showPin(latlng);
      write(latlng);
      map.panTo(latlng);
      say(why || "");
      return true;
    }

    var start = current();
    if (start) { map.setView(start, 14); showPin(start); } else { map.setView([16, 106], 6); }
    base.area.then(function (bounds) {
      if (bounds) {
        area = L.latLngBounds(
          [bounds.getSouth() - AREA_MARGIN, bounds.getWest() - AREA_MARGIN],
          [bounds.getNorth() + AREA_MARGIN, bounds.getEast() + AREA_MARGIN]);
        if (!start) { map.fitBounds(bounds); }
      }
      // the markers around the place, or all the province's for a new one
      var near = start ? L.latLngBounds([start.lat - AROUND, start.lng - AROUND],
                                        [start.lat + AROUND, start.lng + AROUND]) : bounds;
      var query = near ? "?bbox=" + [near.getWest(), near.getSouth(), near.getEast(), near.getNorth()]
        .map(function (v) { return v.toFixed(6); }).join(",") : "";
      return load(box.dataset.markers + query);
    }).then(function (data) {
      L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 4, color: "#fff", weight: 1, fillColor: "#2e7d32",
                                          fillOpacity: 0.9, className: "marker", interactive: false });
        },
        onEachFeature: function (f, l) { l.bindTooltip(f.properties.identifier); }
      }).addTo(map);
      el.dataset.loaded = "1";
    }).catch(function (e) { el.dataset.loaded = "error"; el.dataset.problem = String(e); });
    el.dataset.zoom = String(map.getZoom());

    map.on("click", function (e) { place(e.latlng); });
    // typed into the fields: the pin follows
    [lonInput, latInput].forEach(function (input) {
      input.addEventListener("change", function () {
        var latlng = current();
        if (latlng) { showPin(latlng); map.panTo(latlng); }
      });
    });
    function usePaste() {
      var pair = parsePair(paste.value);
      if (pair.error) { say(pair.error, true); return; }
      if (place(L.latLng(pair.lat, pair.lon), "placed")) { paste.value = ""; }
    }
    box.querySelector(".placepicker-put").addEventListener("click", usePaste);
    paste.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); usePaste(); }  // not the form's submit
    });
    // the device's position: browsers give it only to pages served over HTTPS or localhost
    if (window.isSecureContext && navigator.geolocation) {
      here.hidden = false;
      here.addEventListener("click", function () {
        say("locating");
        navigator.geolocation.getCurrentPosition(function (p) {
          place(L.latLng(p.coords.latitude, p.coords.longitude), "placed");
        }, function () { say("nolocation", true); }, { enableHighAccuracy: true, timeout: 20000 });
      });
    }
  }

  function lineEditor(box) {
    var form = box.closest("form");
    var text = form.querySelector("textarea[name=geometry]");
    if (!text) { return; }
    var el = box.querySelector(".lineeditor-map");
    var count = box.querySelector(".lineeditor-count");
    var vertices = [];
    try {
      var given = text.value.trim() ? JSON.parse(text.value) : null;
      if (given && given.type === "LineString" && Array.isArray(given.coordinates)) {
        vertices = given.coordinates.map(function (c) { return L.latLng(c[1], c[0]); });
      } else if (given) {
        return;  // not a line we can draw: the text stays for the user to mend
      }
    } catch (e) {
      return;
    }
    text.after(box);
    text.hidden = true;
    var help = document.getElementById(text.id + "_helptext");  // the GeoJSON example
    if (help) { help.hidden = true; }
    box.hidden = false;
    var base = baseMap(el, box.dataset), map = base.map;
    var line = L.polyline([], { color: "#d50000", weight: 3, className: "drawn" }).addTo(map);
    var handles = [];

    function write() {
      text.value = vertices.length ? JSON.stringify({
        type: "LineString",
        coordinates: vertices.map(function (v) { return [+fixed(v.lng), +fixed(v.lat)]; })
      }) : "";
      draw();
    }
    function draw() {
      line.setLatLngs(vertices);
      handles.forEach(function (h) { map.removeLayer(h); });
      handles = vertices.map(function (v, i) {
        var h = L.marker(v, { draggable: true, keyboard: false, title: String(i + 1),
                              icon: L.divIcon({ className: "vertex", iconSize: [14, 14] }) }).addTo(map);
        h.getElement().setAttribute("data-vertex", String(i));
        h.on("drag", function () { vertices[i] = h.getLatLng(); line.setLatLngs(vertices); });
        h.on("dragend", function () { vertices[i] = h.getLatLng(); write(); });
        h.on("contextmenu", function (e) {
          L.DomEvent.preventDefault(e.originalEvent);
          vertices.splice(i, 1);
          write();
        });
        return h;
      });
      count.textContent = String(vertices.length);
      el.dataset.vertices = String(vertices.length);
    }

    if (vertices.length > 1) { map.fitBounds(L.latLngBounds(vertices), { padding: [24, 24] }); }
    else if (vertices.length) { map.setView(vertices[0], 14); }
    else { map.setView([16, 106], 6); }
    base.area.then(function (bounds) {
      if (!vertices.length) {
        if (bounds) { map.fitBounds(bounds); }
      }
      el.dataset.loaded = "1";
    }).catch(function (e) { el.dataset.loaded = "error"; el.dataset.problem = String(e); });
    map.on("click", function (e) { vertices.push(e.latlng); write(); });
    box.querySelector(".lineeditor-undo").addEventListener("click", function () {
      vertices.pop();
      write();
    });
    box.querySelector(".lineeditor-clear").addEventListener("click", function () {
      vertices = [];
      write();
    });
    draw();
  }

  document.querySelectorAll(".placepicker").forEach(placePicker);
  document.querySelectorAll(".lineeditor").forEach(lineEditor);
})();
