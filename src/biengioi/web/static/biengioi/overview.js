/* The overview's charts by month (uPlot, from npm): one chart per table the page already shows,
   drawn from the figures passed by json_script. Plans are drawn dashed beside what was done.
   Numbers are written the interface's way (1.234 in Vietnamese). */
(function () {
  "use strict";
  var source = document.getElementById("overview-charts");
  if (!source || !window.uPlot) { return; }
  var charts = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "vi";
  var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 });
  var COLOURS = ["#1565c0", "#8a1c1c", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#4e342e"];
  var drawn = [];

  function options(chart, width) {
    var series = [{ label: "", value: function (u, i) { return i == null ? "" : chart.months[i]; } }];
    var colour = 0;
    chart.series.forEach(function (s) {
      var stroke = COLOURS[colour % COLOURS.length];
      if (!s.planned) { colour += 1; } else { stroke = COLOURS[(colour - 1 + COLOURS.length) % COLOURS.length]; }
      series.push({
        label: s.label,
        stroke: stroke,
        width: 2,
        dash: s.planned ? [6, 4] : undefined,
        points: { show: true, size: 5 },
        value: function (u, v) { return v == null ? "" : number.format(v); }
      });
    });
    return {
      width: width,
      height: Math.max(180, Math.min(260, Math.round(width * 0.5))),
      series: series,
      scales: { x: { time: false } },
      axes: [
        {
          values: function (u, ticks) {
            return ticks.map(function (t) { return chart.months[t] || ""; });
          },
          incrs: [1, 2, 3, 6]
        },
        { values: function (u, ticks) { return ticks.map(function (t) { return number.format(t); }); } }
      ],
      legend: { live: false }
    };
  }

  function data(chart) {
    return [chart.months.map(function (_m, i) { return i; })].concat(
      chart.series.map(function (s) { return s.values; })
    );
  }

  charts.forEach(function (chart) {
    var el = document.querySelector('[data-chart="' + chart.key + '"]');
    if (!el) { return; }
    var plot = new window.uPlot(options(chart, el.clientWidth || 320), data(chart), el);
    el.setAttribute("data-drawn", "true");
    drawn.push({ el: el, plot: plot });
  });

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) { window.cancelAnimationFrame(pending); }
    pending = window.requestAnimationFrame(function () {
      drawn.forEach(function (d) {
        var width = d.el.clientWidth || 320;
        d.plot.setSize({ width: width, height: Math.max(180, Math.min(260, Math.round(width * 0.5))) });
      });
    });
  });
})();
