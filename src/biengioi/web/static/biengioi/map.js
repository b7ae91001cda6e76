/* The situational map (Bản đồ tình hình): Leaflet over the built-in background, each layer
   fetched from the map API as GeoJSON. Our own code; Leaflet and its marker clusters come from
   npm. Points that crowd (incidents, hand-overs, crime cases, rescues) are grouped into a
   counted circle until the map is zoomed in to CLUSTER_UNTIL; markers are never grouped, so
   each keeps its status colour at the province's working zoom. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var labels = JSON.parse(document.getElementById("map-labels").textContent);
  var STATUS_COLOURS = {
    intact: "#2e7d32", damaged: "#ef6c00", displaced: "#d84315",
    landslide: "#6d4c41", lost: "#c62828", "": "#9e9e9e"
  };
  var INCIDENT_COLOURS = { open: "#f9a825", overdue: "#c62828", closed: "#757575" };
  var POST_COLOURS = ["#1565c0", "#6a1b9a", "#00838f", "#ad1457", "#2e7d32", "#ef6c00", "#4e342e"];
  var CLUSTER_UNTIL = 14;  // from this zoom on, every point is drawn on its own

  // The legend folds away on a phone, where the map needs the screen.
  var legend = document.querySelector("details.legend");
  if (legend && window.innerWidth < 700) { legend.open = false; }

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function day(iso) {  // 2025-09-01 -> 01/09/2025
    if (!iso) { return ""; }
    var p = iso.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }
  function popup(title, rows, url) {
    var html = "<strong>" + esc(title) + "</strong><dl>";
    rows.forEach(function (r) { html += "<dt>" + esc(r[0]) + "</dt><dd>" + esc(r[1]) + "</dd>"; });
    html += "</dl>";
    if (url) { html += '<a class="popup-link" href="' + esc(url) + '">' + esc(labels.open) + "</a>"; }
    return html;
  }
  function load(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }

  // The highest zoom is the map's own: the groups of crowded points need one even when no
  // basemap's tiles give it.
  var map = L.map(el, { preferCanvas: false, zoomSnap: 0.5, maxZoom: 19 });
  // The background has a pane of its own under the layers, whichever answer comes first.
  map.createPane("background").style.zIndex = 350;
  map.createPane("areas").style.zIndex = 380;  // the posts' areas: over the background, under the lines
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");

  // An operator's basemap file, drawn under everything when the server has one.
  var base = JSON.parse(document.getElementById("map-basemap").textContent);
  if (base) {
    var options = { minZoom: base.minzoom, maxNativeZoom: base.maxzoom, maxZoom: 19,
                    attribution: esc(base.attribution), className: "basemap" };
    var tiles = base.kind === "pmtiles" && window.pmtiles
      ? pmtiles.leafletRasterLayer(new pmtiles.PMTiles(base.url), options)
      : L.tileLayer(base.url, options);
    tiles.addTo(map);
  }

  var postColour = {};
  function colourOf(post) {  // one colour per post, the same for its sections, area and seat
    if (!(post in postColour)) {
      postColour[post] = POST_COLOURS[Object.keys(postColour).length % POST_COLOURS.length];
    }
    return postColour[post];
  }
  // A layer whose points crowd: a counted circle per group (its class names the layer, its
  // data-count the points in it) until CLUSTER_UNTIL; without the library, the points as they are.
  function crowd(name) {
    if (!L.markerClusterGroup) { return L.featureGroup(); }
    return L.markerClusterGroup({
      disableClusteringAtZoom: CLUSTER_UNTIL, maxClusterRadius: 40, showCoverageOnHover: false,
      iconCreateFunction: function (group) {
        var n = group.getChildCount();
        var size = n < 10 ? 28 : n < 100 ? 34 : 42;
        return L.divIcon({ html: '<span data-count="' + n + '">' + n + "</span>",
                           className: "cluster cluster-" + name, iconSize: [size, size] });
      }
    });
  }
  var layers = {};
  var control = L.control.layers(null, null, { collapsed: window.innerWidth < 700 }).addTo(map);
  el.dataset.loaded = "0";

  function add(name, layer, shown) {
    layers[name] = layer;
    control.addOverlay(layer, labels[name]);
    if (shown) { layer.addTo(map); }
  }

  var countries = load(el.dataset.countries).then(function (data) {
    var layer = L.geoJSON(data, {
      pane: "background",
      interactive: false,
      style: function (f) {
        return { color: "#8d8d8d", weight: 1, fillOpacity: base ? 0 : 1,
                 fillColor: f.properties.ours ? "#f6f3ea" : "#e4e4e4" };
      }
    });
    add("countries", layer, true);
    return data;
  });

  var sections = load(el.dataset.sections).then(function (data) {
    var layer = L.geoJSON(data, {
      style: function (f) {
        return { color: colourOf(f.properties.post_id), weight: 5, opacity: 0.9, className: "section" };
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindPopup(popup(p.code + " " + p.name, [
          [labels.post, p.post], [labels.length, p.length_km.toLocaleString(document.documentElement.lang) + " km"]
        ], p.url));
      }
    });
    add("sections", layer, true);
    return data;
  });

  var markers = load(el.dataset.markers).then(function (data) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (f, latlng) {
        var p = f.properties;
        return L.circleMarker(latlng, {
          radius: 6, weight: p.stale ? 2 : 1, color: p.stale ? "#000" : "#fff",
          dashArray: p.stale ? "2 2" : null, fillColor: STATUS_COLOURS[p.status] || "#9e9e9e",
          fillOpacity: 0.95, className: "marker status-" + (p.status || "none") + (p.stale ? " stale" : "")
        });
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.on("add", function () { l.getElement().setAttribute("data-identifier", p.identifier); });
        l.bindPopup(popup(p.identifier, [
          [labels.status_label, labels.status[p.status] || labels.none],
          [labels.last_visit, p.last_visit ? day(p.last_visit) : labels.never],
          [labels.last_track, p.last_track ? day(p.last_track) : labels.never_track],
          [labels.post, p.post]
        ], p.url));
      }
    });
    add("markers", layer, true);
    return data;
  });

  var gates = load(el.dataset.gates).then(function (data) {
    var group = L.layerGroup();
    L.geoJSON(data, {
      pointToLayer: function (f, latlng) {
        if (f.properties.pair) {
          L.polyline([latlng, [f.properties.pair[1], f.properties.pair[0]]],
                     { color: "#0d47a1", weight: 2, dashArray: "4 4", interactive: false }).addTo(group);
        }
        return L.circleMarker(latlng, { radius: 8, color: "#0d47a1", weight: 2, fillColor: "#90caf9",
                                        fillOpacity: 1, className: "gate" });
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindPopup(popup(p.name, [[labels.side_label, labels.side[p.side] || p.side],
                                   [labels.kind_label, labels.gate_kind[p.kind] || p.kind]], p.url));
      }
    }).addTo(group);
    add("gates", group, true);
    return data;
  });

  // Posts: the area (an estimate around their sections) and the seat where it is known.
  var posts = load(el.dataset.posts).then(function (data) {
    var group = L.layerGroup();
    L.geoJSON(data, {
      filter: function (f) { return f.properties.part === "area"; },
      pane: "areas",
      style: function (f) {
        var c = colourOf(f.properties.post_id);
        return { color: c, weight: 1, dashArray: "4 3", fillColor: c, fillOpacity: 0.1, className: "post-area" };
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindPopup(popup(labels.area + ": " + p.name, [[labels.sections_count, p.sections]], p.url));
      }
    }).addTo(group);
    L.geoJSON(data, {
      filter: function (f) { return f.properties.part === "seat"; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 7, color: colourOf(f.properties.post_id), weight: 4,
                                        fillColor: "#fff", fillOpacity: 1, className: "post-seat" });
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindPopup(popup(p.name, [[labels.sections_count, p.sections]], p.url));
      }
    }).addTo(group);
    add("posts", group, true);
    return data;
  });

  var incidents = Promise.resolve(null);
  if (el.dataset.incidents) {
    incidents = load(el.dataset.incidents).then(function (data) {
      var layer = crowd("incidents");
      L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 7, color: "#000", weight: 1,
                                          fillColor: INCIDENT_COLOURS[f.properties.state], fillOpacity: 0.9,
                                          className: "incident incident-" + f.properties.state });
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          l.bindPopup(popup(p.title, [[labels.detected, day(p.detected_on)],
                                      [labels.status_label, labels.incident[p.state]]], p.url));
        }
      }).eachLayer(function (l) { layer.addLayer(l); });
      add("incidents", layer, true);
      return data;
    });
  }

  function points(url, name, shown, style, describe, crowded) {
    if (!url) { return Promise.resolve(null); }
    return load(url).then(function (data) {
      var drawn = L.geoJSON(data, {
        pointToLayer: function (f, latlng) { return L.circleMarker(latlng, style(f)); },
        onEachFeature: function (f, l) { var d = describe(f.properties); l.bindPopup(popup(d[0], d[1], f.properties.url)); }
      });
      var layer = drawn;
      if (crowded) {
        layer = crowd(name);
        drawn.eachLayer(function (l) { layer.addLayer(l); });
      }
      add(name, layer, shown);
      return data;
    });
  }
  var signs = points(el.dataset.signs, "signs", false, function () {
    return { radius: 5, color: "#5d4037", weight: 1, fillColor: "#fdd835", fillOpacity: 1, className: "sign" };
  }, function (p) {
    return [p.code, [[labels.kind_label, labels.sign_kind[p.kind] || p.kind],
                     [labels.status_label, labels.status[p.status] || labels.none]]];
  });
  var repairs = points(el.dataset.repairs, "repairs", true, function () {
    return { radius: 11, color: "#ef6c00", weight: 3, fill: false, className: "repair" };
  }, function (p) {
    return [labels.repairs + ": " + p.marker, [[labels.stage_label, labels.stage[p.stage] || p.stage],
                                               [labels.detected, day(p.detected_on)]]];
  });
  var handovers = points(el.dataset.handovers, "handovers", true, function () {
    return { radius: 6, color: "#fff", weight: 1, fillColor: "#7b1fa2", fillOpacity: 1, className: "handover" };
  }, function (p) {
    return [labels.handover_kind[p.kind] || p.kind, [[labels.on, day(p.on)], [labels.persons, p.persons]]];
  }, true);
  var crime = points(el.dataset.crime, "crime", true, function () {
    return { radius: 6, color: "#fff", weight: 1, fillColor: "#d81b60", fillOpacity: 1, className: "crime" };
  }, function (p) {
    return [p.title, [[labels.kind_label, labels.crime_category[p.category] || p.category],
                      [labels.detected, day(p.detected_on)],
                      [labels.handling_label, labels.handling[p.handling] || p.handling]]];
  }, true);
  var rescues = points(el.dataset.rescues, "rescues", true, function (f) {
    return { radius: 6, color: f.properties.ongoing ? "#000" : "#fff", weight: f.properties.ongoing ? 2 : 1,
             fillColor: "#0288d1", fillOpacity: 1, className: "rescue" + (f.properties.ongoing ? " ongoing" : "") };
  }, function (p) {
    return [p.title, [[labels.kind_label, labels.rescue_kind[p.kind] || p.kind],
                      [labels.started, day(p.started_on) + " (" + (p.ongoing ? labels.ongoing : labels.ended) + ")"],
                      [labels.rescued, p.rescued]]];
  }, true);

  // GPS tracks of the period's patrols, and this month's coverage of the border by 1 km pieces.
  function lines(url, name, shown, style, describe) {
    if (!url) { return Promise.resolve(null); }
    return load(url).then(function (data) {
      var layer = L.geoJSON(data, {
        style: style,
        onEachFeature: function (f, l) { var d = describe(f.properties); l.bindPopup(popup(d[0], d[1], f.properties.url)); }
      });
      add(name, layer, shown);
      return data;
    });
  }
  var tracks = lines(el.dataset.tracks, "tracks", true, function () {
    return { color: "#4a148c", weight: 2, opacity: 0.9, dashArray: "6 4", className: "track" };
  }, function (p) {
    return [p.patrol, [[labels.post, p.unit], [labels.on, day(p.day)],
                       [labels.length, p.km.toLocaleString(document.documentElement.lang) + " km"]]];
  });
  var coverage = lines(el.dataset.coverage, "coverage", false, function (f) {
    var covered = f.properties.patrols > 0;
    return { color: covered ? "#2e7d32" : "#c62828", weight: 9, opacity: 0.45,
             className: "piece " + (covered ? "piece-covered" : "piece-uncovered") };
  }, function (p) {
    return [labels.piece + " " + p.number, [[labels.patrols_month, p.patrols]]];
  });

  // Search: fly to a marker, gate, post, commune or incident ("moc 222", "phu lang").
  var search = document.querySelector("form.map-search");
  var found = L.layerGroup().addTo(map);
  function flyTo(f) {
    var c = f.geometry.coordinates;
    found.clearLayers();
    L.circleMarker([c[1], c[0]], { radius: 14, color: "#d50000", weight: 3, fill: false, interactive: false,
                                   className: "found" }).addTo(found);
    map.flyTo([c[1], c[0]], Math.max(map.getZoom(), 14), { duration: 0.6 });
    L.popup().setLatLng([c[1], c[0]])
      .setContent(popup(f.properties.label, [], f.properties.url)).openOn(map);
  }
  if (search) {
    var results = search.querySelector(".map-results");
    var none = search.querySelector(".map-none");
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = search.elements.q.value.trim();
      results.hidden = true; none.hidden = true; results.innerHTML = "";
      if (!q) { return; }
      load(search.dataset.url + "?q=" + encodeURIComponent(q)).then(function (data) {
        if (!data.features.length) { none.hidden = false; return; }
        data.features.forEach(function (f) {
          var li = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button"; button.className = "link"; button.textContent = f.properties.label;
          button.addEventListener("click", function () { flyTo(f); });
          li.appendChild(button); results.appendChild(li);
        });
        results.hidden = data.features.length < 2;
        flyTo(data.features[0]);
      }).catch(function (err) { none.hidden = false; none.textContent = err.message; });
    });
  }

  // The view lives in the URL (#zoom/lat/lon), so a link shows the same map.
  function fromHash() {
    var m = /^#(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
    return m ? { zoom: +m[1], center: [+m[2], +m[3]] } : null;
  }
  map.on("moveend", function () {
    var c = map.getCenter();
    var hash = "#" + map.getZoom() + "/" + c.lat.toFixed(5) + "/" + c.lng.toFixed(5);
    if (window.location.hash !== hash) { history.replaceState(null, "", hash); }
  });

  Promise.all([countries, sections, markers, gates, incidents, signs, repairs, handovers, posts, crime,
               rescues, tracks, coverage]).then(function (all) {
    var view = fromHash();
    if (view) {
      map.setView(view.center, view.zoom);
    } else {
      var bounds = L.latLngBounds([]);
      [all[1], all[2]].forEach(function (d) { if (d && d.bbox) { bounds.extend([[d.bbox[1], d.bbox[0]], [d.bbox[3], d.bbox[2]]]); } });
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20] }); } else { map.setView([16, 106], 6); }
    }
    el.dataset.loaded = "1";
  }).catch(function (err) {
    el.dataset.loaded = "error";
    el.insertAdjacentHTML("beforebegin", '<p class="error" data-testid="map-error">' + esc(err.message || err) + "</p>");
  });
})();
