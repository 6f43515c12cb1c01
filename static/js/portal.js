// Portal LPSE: behaviour that needs no inline script (the CSP forbids it).
document.addEventListener("DOMContentLoaded", function () {
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
