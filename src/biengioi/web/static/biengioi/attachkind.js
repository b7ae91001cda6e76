// An attachment's kind shown as soon as a file is chosen (progressive enhancement, ADR 0011).
// Without this module the kind "Theo tệp" is left to the server, which files a picture as a
// photo and any other file as the owner's record; with it, the form shows that choice before
// it is sent, and keeps following the file until the person picks a kind themselves.
for (const select of document.querySelectorAll("select[data-by-file]")) {
  const [photo, other] = select.dataset.byFile.split(" ");
  const file = select.form && select.form.querySelector("input[type=file]");
  if (!file) continue;
  let following = select.value === "";
  select.addEventListener("change", () => {
    following = false;
  });
  file.addEventListener("change", () => {
    const chosen = file.files && file.files[0];
    if (!following || !chosen) return;
    select.value = chosen.type.startsWith("image/") ? photo : other;
  });
}
