/* Names for the admin's script-built widgets, which axe (WCAG 2.1 AA) finds unnamed.
 *
 * - select2 (autocomplete fields): the combobox of a single choice and the search box
 *   of a multiple choice get the name of the field's label; the list of chosen items
 *   is a list only when it holds items.
 * - The filter_horizontal boxes' magnifier icons carry aria-label without a role:
 *   they become images.
 * A MutationObserver applies this to widgets added later (select2's own, new inline rows).
 */
(function () {
  "use strict";

  function labelText(select) {
    if (!select.id) return "";
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) return label.textContent.replace(/\s+/g, " ").replace(/:\s*$/, "").trim();
    return select.getAttribute("aria-label") || "";
  }

  function nameSelect2(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var name = labelText(select);
    if (!name) return;
    container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-selection').forEach(function (el) {
      if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
    });
    container.querySelectorAll(".select2-search__field").forEach(function (el) {
      if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
    });
    container.querySelectorAll("ul.select2-selection__rendered").forEach(function (el) {
      if (el.getAttribute("role") !== "presentation") el.setAttribute("role", "presentation");
    });
  }

  function fixIcons(root) {
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
    });
  }

  function fixAll() {
    document.querySelectorAll(".select2-container").forEach(nameSelect2);
    fixIcons(document);
  }

  function start() {
    fixAll();
    // At once, in the observer's own callback (after each batch of changes, before the
    // next task): waiting for an animation frame left select2's boxes unnamed for as long
    // as the browser put off painting, and a check run in between found them so.
    // Only attributes are set here and only child lists are observed: no loop.
    new MutationObserver(fixAll).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
