// Sekretariat: bar charts of the report and statistics pages (data from json_script).
document.addEventListener("DOMContentLoaded", function () {
  const source = document.getElementById("grafik-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  const charts = JSON.parse(source.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    const chart = charts[Number(canvas.dataset.chart)];
    if (!chart) {
      return;
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [{ label: chart.title, data: chart.values, backgroundColor: "#0b4f6c" }],
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
      },
    });
  });
});
