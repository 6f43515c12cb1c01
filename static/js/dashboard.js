// Staff dashboard (issue 13): the small trend chart of each figure. The numbers are in the
// canvas's aria-label for screen readers; the chart only draws them.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") {
    return;
  }
  document.querySelectorAll(".angka-tren canvas").forEach(function (canvas) {
    const labels = canvas.dataset.trenLabel.split("|");
    const values = canvas.dataset.trenNilai.split("|").map(Number);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{ data: values, backgroundColor: labels.map(function (_, i) {
          return i === labels.length - 1 ? "#0b4f6c" : "#9fb8c4";
        }) }],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { display: false }, y: { display: false, beginAtZero: true } },
      },
    });
  });
});
