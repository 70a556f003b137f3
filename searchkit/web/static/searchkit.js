// searchkit web page: keyboard shortcut, tidy search URLs, and the histogram's click/drag date narrowing.
// Served from the same origin (the Content-Security-Policy allows no inline script).
"use strict";

document.addEventListener("keydown", (event) => {
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    const box = document.getElementById("q");
    box.focus();
    box.select();
  }
});

// Empty fields stay out of the URL, so shared links show only what the search uses.
const form = document.querySelector("form.search");
if (form) {
  form.addEventListener("submit", () => {
    const datesTyped = form.querySelector("input[name=from]")?.value || form.querySelector("input[name=to]")?.value;
    for (const field of form.querySelectorAll("input, select")) {
      // Typed dates replace a period chosen from a facet (the two cannot be combined).
      if (datesTyped && field.name === "on") {
        field.disabled = true;
      }
      if (!field.value || (field.name === "sort" && field.value === "relevance")) {
        field.disabled = true;
      }
    }
  });
  // Back to a page the browser kept: its fields must count again.
  window.addEventListener("pageshow", () => {
    for (const field of form.querySelectorAll("[disabled]")) {
      field.disabled = false;
    }
  });
  const sort = document.getElementById("sort");
  if (sort) {
    sort.addEventListener("change", () => form.requestSubmit());
  }
}

// Histogram: click a bar for its dates, or press on one bar and release on another for the span between.
const histogram = document.getElementById("histogram");
if (histogram) {
  const bars = Array.from(histogram.querySelectorAll("a.bar"));
  let pressed = null;

  const barAt = (event) => {
    const element = document.elementFromPoint(event.clientX, event.clientY);
    return element ? element.closest("a.bar") : null;
  };
  const span = (first, last) => {
    const [a, b] = [bars.indexOf(first), bars.indexOf(last)].sort((x, y) => x - y);
    return bars.slice(a, b + 1);
  };
  const mark = (selected) => {
    for (const bar of bars) {
      bar.classList.toggle("selected", selected.includes(bar));
    }
  };

  histogram.addEventListener("pointerdown", (event) => {
    pressed = barAt(event);
    if (pressed) {
      event.preventDefault();
      mark([pressed]);
    }
  });
  histogram.addEventListener("pointermove", (event) => {
    const over = pressed && barAt(event);
    if (over) {
      mark(span(pressed, over));
    }
  });
  document.addEventListener("pointerup", (event) => {
    if (!pressed) {
      return;
    }
    const released = barAt(event) || pressed;
    const selected = span(pressed, released);
    pressed = null;
    const url = new URL(window.location.href);
    url.searchParams.delete("page");
    url.searchParams.delete("on");
    url.searchParams.set("from", selected[0].dataset.start);
    url.searchParams.set("to", selected[selected.length - 1].dataset.end);
    window.location.assign(url.pathname + url.search);
  });
  // A mouse click was handled on pointerup; Enter on a focused bar (detail 0) follows its link.
  histogram.addEventListener("click", (event) => {
    if (event.detail !== 0) {
      event.preventDefault();
    }
  });
}
