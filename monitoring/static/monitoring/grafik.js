// Charts of one asset (Pasal 17(2)); data from the server-side roll-ups.
document.addEventListener("DOMContentLoaded", function () {
  const root = document.getElementById("grafik");
  if (!root || typeof Chart === "undefined") return;
  const status = root.querySelector("[data-status]");
  fetch(root.dataset.url, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      status.textContent = "Rentang: " + data.label + ".";
      root.querySelectorAll("canvas[data-grup]").forEach(function (canvas) {
        const series = data.grup[canvas.dataset.grup] || [];
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
    .catch(function () { status.textContent = "Data grafik gagal dimuat."; });
});
