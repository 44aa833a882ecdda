// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so screen readers announce it.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  // Panels folded on phones (filters, the site menu) start open on wide screens.
  if (window.matchMedia("(min-width: 48rem)").matches) {
    for (const panel of document.querySelectorAll("details[data-open-wide]")) panel.open = true;
  }
  // Links marked data-print print the page (the printable toolkit and resources). Inside a
  // part marked data-print-part (one FAQ question), only that part goes on paper.
  for (const el of document.querySelectorAll("[data-print]")) {
    el.hidden = false;
    const hint = el.parentElement.querySelector("[data-print-hint]");
    if (hint) hint.hidden = true;
    el.addEventListener("click", (event) => {
      event.preventDefault();
      const part = el.closest("[data-print-part]");
      if (part) {
        document.documentElement.classList.add("print-one");
        part.classList.add("print-target");
        window.addEventListener("afterprint", () => {
          document.documentElement.classList.remove("print-one");
          part.classList.remove("print-target");
        }, { once: true });
      }
      window.print();
    });
  }
  // Copy buttons (data-copy names the field): the address stays visible and selectable.
  for (const button of document.querySelectorAll("[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(`${button.dataset.copy}-status`);
    if (!field) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      field.select();
      let copied = false;
      try {
        await navigator.clipboard.writeText(field.value);
        copied = true;
      } catch {
        copied = document.execCommand("copy");
      }
      if (status) status.textContent = copied ? button.dataset.copied : button.dataset.failed;
    });
  }
});
