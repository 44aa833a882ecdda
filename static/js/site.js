// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so screen readers announce it.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  // Panels folded on phones (filters, the site menu) start open on wide screens.
  if (window.matchMedia("(min-width: 48rem)").matches) {
    for (const panel of document.querySelectorAll("details[data-open-wide]")) panel.open = true;
  }
  // Links marked data-print print the page (the printable toolkit and resources).
  for (const el of document.querySelectorAll("[data-print]")) {
    el.hidden = false;
    el.addEventListener("click", (event) => { event.preventDefault(); window.print(); });
  }
});
