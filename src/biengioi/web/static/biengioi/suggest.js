// Marker numbers suggested as they are typed (issue 23): every input marked
// `data-suggest="<url of GET /api/v1/markers/suggest>"` becomes an ARIA 1.2 combobox with a
// list under it. ArrowDown/ArrowUp move through the list, Enter takes the marker shown, Escape
// closes it; a tap or click takes one too. Without this module the input is a plain text field
// and the server reads what was typed, as before (it names 240(1), 240(2), 240(3) when "240" is
// ambiguous). Suggestions follow the form's border (`line_id`), the user's own post first (only
// its markers with `data-suggest-own`, as on a patrol's inspections), and
// the nearest first when a place is known: the marker just chosen in a row above, the form's
// own longitude and latitude, or the device's position when the user has already allowed it.
// With `data-suggest-place` the marker chosen fills the form's longitude and latitude.
const texts = document.getElementById("suggest-texts")?.dataset ?? {};
const DELAY = 150; // ms after the last key before asking
const LIMIT = 8;
let counter = 0;
let device = null; // [lon, lat] of the device, when the browser gives it without asking

if (navigator.permissions && navigator.geolocation && window.isSecureContext) {
  navigator.permissions
    .query({ name: "geolocation" })
    .then((state) => {
      if (state.state !== "granted") return;
      navigator.geolocation.getCurrentPosition(
        (p) => {
          device = [p.coords.longitude, p.coords.latitude];
        },
        () => {},
        { maximumAge: 300000, timeout: 20000 },
      );
    })
    .catch(() => {});
}

function number(text) {
  return parseFloat(String(text).trim().replace(",", "."));
}

function distance(metres) {
  if (metres == null) return "";
  return metres < 1000
    ? `${Math.round(metres)} m`
    : `${(metres / 1000).toFixed(1).replace(".", ",")} km`;
}

// The place the user is at, "lon,lat", or "".
function near(input) {
  const form = input.form;
  const inputs = form ? [...form.querySelectorAll("input[data-suggest]")] : [];
  for (const other of inputs.slice(0, inputs.indexOf(input)).reverse()) {
    if (other.dataset.lon && other.value === other.dataset.chosen) {
      return `${other.dataset.lon},${other.dataset.lat}`;
    }
  }
  const lon = number(form?.querySelector("input[name=lon]")?.value ?? "");
  const lat = number(form?.querySelector("input[name=lat]")?.value ?? "");
  if (!Number.isNaN(lon) && !Number.isNaN(lat)) return `${lon},${lat}`;
  return device ? device.join(",") : "";
}

function enhance(input) {
  const id = `suggest-${++counter}`;
  const list = document.createElement("ul");
  list.id = id;
  list.className = "suggest-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", texts.label || "");
  list.hidden = true;
  const status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  const box = document.createElement("div");
  box.className = "suggest";
  input.replaceWith(box);
  box.append(input, list, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id);
  input.setAttribute("autocomplete", "off");

  let items = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark(index) {
    active = index;
    list.querySelectorAll("[role=option]").forEach((li, i) => {
      li.setAttribute("aria-selected", String(i === index));
    });
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    const li = list.children[index];
    input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  function choose(index) {
    const m = items[index];
    if (!m) return;
    input.value = m.identifier;
    input.dataset.chosen = m.identifier;
    input.dataset.lon = String(m.lon);
    input.dataset.lat = String(m.lat);
    close();
    input.dispatchEvent(new Event("change", { bubbles: true }));
    if (input.dataset.suggestPlace) {
      // the place is the marker's: the form's longitude and latitude (and the map's pin) follow
      for (const [name, value] of [["lon", m.lon], ["lat", m.lat]]) {
        const field = input.form?.querySelector(`input[name=${name}]`);
        if (!field) continue;
        field.value = Number(value).toFixed(7);
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }

  function show(found) {
    items = found;
    list.replaceChildren();
    found.forEach((m, i) => {
      const li = document.createElement("li");
      li.id = `${id}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.identifier = m.identifier;
      const name = document.createElement("strong");
      name.textContent = m.identifier;
      const facts = document.createElement("span");
      facts.className = "suggest-facts";
      facts.textContent = [m.status_label || texts.nostatus, m.post_name, distance(m.distance_m)]
        .filter(Boolean)
        .join(" · ");
      li.append(name, " ", facts);
      // pointerdown, not click: the input keeps its focus and the list is not closed first
      li.addEventListener("pointerdown", (e) => {
        e.preventDefault();
        choose(i);
      });
      list.append(li);
    });
    if (!found.length) {
      const li = document.createElement("li");
      li.className = "suggest-none";
      li.textContent = texts.none || "";
      list.append(li);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", String(found.length > 0));
    status.textContent = found.length ? (texts.count || "").replace("{n}", found.length) : texts.none || "";
    mark(-1);
  }

  function ask() {
    const q = input.value.trim();
    if (!q) {
      close();
      return;
    }
    const params = new URLSearchParams({ q, limit: String(LIMIT) });
    const line = input.form?.querySelector("[name=line_id]")?.value || input.dataset.line;
    if (line) params.set("line_id", line);
    if (input.dataset.suggestOwn) params.set("own", "true");
    const place = near(input);
    if (place) params.set("near", place);
    const mine = ++asked;
    fetch(`${input.dataset.suggest}?${params}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((r) => (r.ok ? r.json() : []))
      .then((found) => {
        if (mine === asked && document.activeElement === input) show(found);
      })
      .catch(() => close());
  }

  input.addEventListener("input", () => {
    delete input.dataset.chosen;
    clearTimeout(timer);
    timer = setTimeout(ask, DELAY);
  });
  input.addEventListener("focus", () => {
    // a number the server refused (240: which of 240(1), 240(2), 240(3)?): offer its markers
    if (input.getAttribute("aria-invalid") === "true" && input.value.trim()) ask();
  });
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (e) => {
    const open = !list.hidden && items.length > 0;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) ask();
      else mark((active + 1) % items.length);
    } else if (e.key === "ArrowUp") {
      if (!open) return;
      e.preventDefault();
      mark(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === "Enter") {
      if (open && active >= 0) {
        e.preventDefault(); // takes the marker; it does not submit the form
        choose(active);
      }
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        close();
      }
    }
  });
}

document.querySelectorAll("input[data-suggest]").forEach(enhance);
