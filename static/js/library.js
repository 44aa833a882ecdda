// Progressive enhancement for the library and FAQ pages; they work without it.
document.addEventListener("DOMContentLoaded", () => {
  // On wide screens the filter panel starts open; on phones it stays folded.
  if (window.matchMedia("(min-width: 48rem)").matches) {
    for (const panel of document.querySelectorAll("details[data-open-wide]")) panel.open = true;
  }
  // A link to a question (#anchor) opens its answer.
  const openTarget = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  };
  openTarget();
  // Old links to an answer on an FAQ list (/faq/#slug) go to the question's own page.
  const list = document.querySelector("[data-faq-questions]");
  const slug = decodeURIComponent(window.location.hash.slice(1));
  const listed = slug && document.getElementById(slug);
  if (list && /^[-a-zA-Z0-9_]+$/.test(slug) && (!listed || list.contains(listed))) {
    window.location.replace(`${list.dataset.faqQuestions}${slug}/`);
  }
  window.addEventListener("hashchange", openTarget);
});
