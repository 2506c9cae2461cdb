/* Support-point map: markers and popups from the data-markers attribute; tiles only when a URL is configured. */
(function () {
  "use strict";

  var TWENTE = [52.29, 6.75];

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }

  function popup(m) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.appendChild(text("strong", m.name));
    box.appendChild(text("div", m.type + " · " + m.organization));
    if (m.address) { box.appendChild(text("div", m.address)); }
    box.appendChild(text("div", m.open, "map-open"));
    var link = document.createElement("a");
    link.href = "#" + m.anchor;
    link.textContent = "Meer over dit steunpunt";
    box.appendChild(link);
    return box;
  }

  function init(el) {
    if (!el || el.dataset.ready === "1" || typeof window.L === "undefined") { return; }
    var markers;
    try { markers = JSON.parse(el.dataset.markers || "[]"); } catch (e) { markers = []; }
    el.hidden = false;
    var note = document.querySelector(".map-note");
    if (note) { note.hidden = false; }
    el.dataset.ready = "1";
    var map = window.L.map(el, { scrollWheelZoom: false, fadeAnimation: false }).setView(TWENTE, 10);
    var tiles = el.dataset.tiles;
    if (tiles) {
      window.L.tileLayer(tiles, { maxZoom: 18, attribution: "Kaartgegevens: zie instellingen" }).addTo(map);
    } else {
      // No background map: municipality names give the markers a place.
      el.classList.add("no-tiles");
      var places;
      try { places = JSON.parse(el.dataset.places || "[]"); } catch (e) { places = []; }
      places.forEach(function (p) {
        var label = text("span", p.name);
        window.L.marker([p.lat, p.lon], {
          icon: window.L.divIcon({ className: "map-place", html: label, iconSize: null }),
          interactive: false, keyboard: false
        }).addTo(map);
      });
    }
    var bounds = [];
    markers.forEach(function (m) {
      if (typeof m.lat !== "number" || typeof m.lon !== "number") { return; }
      // circleMarker is drawn as SVG: no marker images or tiles to fetch.
      var marker = window.L.circleMarker([m.lat, m.lon], {
        radius: 9, color: "#07405f", weight: 2, fillColor: "#0b5c8a", fillOpacity: 0.85
      }).addTo(map);
      marker.bindPopup(popup(m));
      marker.bindTooltip(text("span", m.name));  // a node, never an HTML string: names are data
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 }); }
    else if (bounds.length === 1) { map.setView(bounds[0], 12); }
  }

  function start() { init(document.getElementById("kaart")); }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  // After an HTMX filter swap the map container is new: draw it again.
  document.addEventListener("htmx:afterSettle", start);
}());
