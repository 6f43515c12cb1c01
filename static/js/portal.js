// Portal LPSE: behaviour that needs no inline script (the CSP forbids it).
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit the error summary at the top takes the focus, so a
  // phone user (and a screen reader) starts at the list of what to fix; each
  // link in it moves to its field.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    });
  }
  // Ask before a destructive action: <button data-confirm="…">.
  document.body.addEventListener("click", function (event) {
    const el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.dataset.confirm)) {
      event.preventDefault();
    }
  });
});
// HTMX error responses (4xx with a form) are swapped in so field errors show.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 400 || event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
