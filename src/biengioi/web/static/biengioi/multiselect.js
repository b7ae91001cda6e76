// A long list of checkboxes made searchable (core.forms.SearchableCheckboxes). Without this
// module the checkboxes work as they are. With it, a list of more than MANY options gets a
// filter box above it that matches the options' labels as core/search.py does (no accents, no
// case, đ as d: "phu" finds "Phù Lang"), a count of the chosen, and the chosen stay in sight
// whatever the filter. The words come from the page (data-* attributes), in its language.
const MANY = 8;

function folded(text) {
  return text
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function enhance(list, index) {
  const options = [...list.querySelectorAll("input[type=checkbox]")].map((box) => {
    const row = box.closest("div") || box.parentElement;
    return { box, row, text: folded(row.textContent) };
  });
  if (options.length <= MANY) return;

  const id = `${list.id || `multiselect-${index}`}-filter`;
  const tools = document.createElement("div");
  tools.className = "multiselect-tools";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = list.dataset.filterLabel || "Lọc danh sách";
  const input = document.createElement("input");
  input.type = "search";
  input.id = id;
  input.autocomplete = "off";
  input.placeholder = list.dataset.filterHint || "";
  input.setAttribute("data-testid", "multiselect-filter");
  if (list.id) input.setAttribute("aria-controls", list.id);
  const count = document.createElement("span");
  count.className = "multiselect-count";
  count.setAttribute("aria-live", "polite");
  count.setAttribute("data-testid", "multiselect-count");
  const none = document.createElement("p");
  none.className = "multiselect-none";
  none.textContent = list.dataset.none || "";
  none.hidden = true;
  tools.append(label, input, count);
  list.before(tools);
  list.after(none);
  list.classList.add("multiselect-enhanced");

  function counted() {
    const chosen = options.filter((o) => o.box.checked).length;
    count.textContent = (list.dataset.chosen || "{n}").replace("{n}", String(chosen));
  }

  function filtered() {
    const words = folded(input.value).split(" ").filter(Boolean);
    let shown = 0;
    for (const o of options) {
      const match = o.box.checked || words.every((w) => o.text.includes(w));
      o.row.hidden = !match;
      if (match) shown += 1;
    }
    none.hidden = shown > 0;
  }

  input.addEventListener("input", filtered);
  // Enter in the filter box would send the form half filled in.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
    if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      filtered();
    }
  });
  // A box unticked under a filter stays in sight until the filter changes.
  list.addEventListener("change", counted);
  counted();
}

document.querySelectorAll("[data-multiselect]").forEach(enhance);
