// Charts of one asset (Pasal 17(2)); data from the server-side roll-ups. Every element with
// data-grafik (or the page's #grafik) fetches its data-url; a canvas draws its data-grup, and
// only the series named in data-label when it has one (an upgrade recommendation, Pasal 17(5)).
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") return;
  document.querySelectorAll("#grafik, [data-grafik]").forEach(function (root) {
    const status = root.querySelector("[data-status]");
    fetch(root.dataset.url, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        if (status) status.textContent = "Rentang: " + data.label + ".";
        root.querySelectorAll("canvas[data-grup]").forEach(function (canvas) {
          let series = data.grup[canvas.dataset.grup] || [];
          if (canvas.dataset.label) {
            series = series.filter(function (s) { return s.label === canvas.dataset.label; });
          }
          if (!series.length) {
            canvas.replaceWith(Object.assign(document.createElement("p"), { className: "small text-body-secondary", textContent: "Tidak ada data." }));
            return;
          }
          new Chart(canvas, {
            type: "line",
            data: { datasets: series.map(function (s) { return { label: s.label, data: s.data.map(function (p) { return { x: p[0], y: p[1] }; }), pointRadius: 0, borderWidth: 1.5 }; }) },
            options: {
              animation: false, parsing: false, normalized: true,
              scales: { x: { type: "linear", ticks: { callback: function (v) { return new Date(v).toLocaleString("id-ID", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }); } } } },
              plugins: { tooltip: { callbacks: { title: function (items) { return new Date(items[0].parsed.x).toLocaleString("id-ID"); } } } }
            }
          });
        });
      })
      .catch(function () { if (status) status.textContent = "Data grafik gagal dimuat."; });
  });
});
