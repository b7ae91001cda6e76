// On a narrow screen a table is a box that scrolls sideways (app.css). A box that scrolls
// must be reachable with the keyboard: a table wider than its box is made focusable (the arrow
// keys then scroll it), and stops being so once it fits again (a phone turned sideways).
const tables = [...document.querySelectorAll("main table")];

function reach() {
  for (const table of tables) {
    if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
    else table.removeAttribute("tabindex");
  }
}

reach();
window.addEventListener("resize", reach);
