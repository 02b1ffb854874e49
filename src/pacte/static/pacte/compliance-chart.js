// Draws each indicator's 12-month figure against its target (Chart.js), in the
// indicator's unit: a rate on a 0-100 axis, a count (T1.1) on its own axis, never as a
// percentage; numbers in the page's language (decimal commas in French).
// The page works without it: the figures are in the table under each chart.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("compliance-trends");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var trends = JSON.parse(source.textContent);
    trends.forEach(function (trend) {
      var canvas = document.querySelector('canvas.trend-chart[data-indicator="' + trend.code + '"]');
      if (!canvas) {
        return;
      }
      var labels = trend.points.map(function (point) { return point.month; });
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: labels,
          datasets: [
            {
              label: trend.label,
              data: trend.points.map(function (point) { return point.rate; }),
              spanGaps: false,
              borderColor: "#1565c0",
              backgroundColor: "#1565c0",
            },
            {
              label: trend.target_label,
              data: labels.map(function () { return trend.target; }),
              borderDash: [6, 4],
              pointRadius: 0,
              borderColor: "#c62828",
              backgroundColor: "#c62828",
            },
          ],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          locale: document.documentElement.lang || undefined,
          scales: {
            y: trend.is_rate
              ? { suggestedMin: 0, suggestedMax: 100 }
              : { beginAtZero: true, ticks: { precision: 0 } },
          },
        },
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
