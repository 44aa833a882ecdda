// Progressive enhancement: on a phone, the mentor filters start folded away
// (unless some are in use) so the results come first. Without this file the
// panel simply stays open.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.matchMedia("(max-width: 47.99rem)").matches) return;
  for (const panel of document.querySelectorAll("details[data-fold-on-phone]")) {
    if (panel.dataset.foldOnPhone !== "active") panel.open = false;
  }
});
