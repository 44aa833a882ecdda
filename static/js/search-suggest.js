// Suggestions as you type, for search boxes marked data-suggest="<endpoint>".
// Progressive enhancement: without this file the boxes are plain search fields.
// The suggestions go into a <datalist>, which browsers present as an accessible
// list under the field; choosing one fills the field, and the form searches it.
(() => {
  const MIN_LENGTH = 2;
  const DELAY_MS = 200;

  function enhance(input) {
    const list = document.createElement("datalist");
    list.id = `${input.id || "q"}-suggestions`;
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    let timer = null;
    let controller = null;
    let last = "";

    async function update() {
      const value = input.value.trim();
      if (value.length < MIN_LENGTH || value === last) return;
      last = value;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const url = `${input.dataset.suggest}?q=${encodeURIComponent(value)}`;
        const response = await fetch(url, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(
          ...data.suggestions.map((item) => {
            const option = document.createElement("option");
            option.value = item.title;
            return option;
          }),
        );
      } catch (error) {
        if (error.name !== "AbortError") list.replaceChildren();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, DELAY_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const input of document.querySelectorAll("input[data-suggest]")) enhance(input);
  });
})();
