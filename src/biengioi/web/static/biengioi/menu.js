// The menu's progressive enhancement (ADR 0011). Without this module the menu is a button
// that opens it, at every width. With it, the menu stands open on a wide screen and waits
// behind its button on a phone; an open drop-down (a group, the user's own menu) closes when
// another opens, on Escape (focus back on its button) and on a click elsewhere.
const WIDE = window.matchMedia("(min-width: 56em)");
const box = document.querySelector("[data-menu-box]");
const drops = [...document.querySelectorAll("details[data-dropdown]")];

function fit() {
  if (box) box.open = WIDE.matches;
}

fit();
WIDE.addEventListener("change", fit);

for (const drop of drops) {
  drop.addEventListener("toggle", () => {
    if (!drop.open) return;
    for (const other of drops) if (other !== drop) other.open = false;
  });
}

document.addEventListener("click", (event) => {
  for (const drop of drops) if (drop.open && !drop.contains(event.target)) drop.open = false;
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const drop of drops) {
    if (!drop.open) continue;
    drop.open = false;
    drop.querySelector("summary").focus();
  }
});
