// Draws each [data-chart] element's series with uPlot (served from the UI's own path). The spec is JSON
// made on the server (x: epoch seconds; series: label + values); redrawn after each live refresh and on resize.
(function () {
  'use strict';
  var COLORS = ['#2d5fb3', '#e0493a', '#1f8f55', '#a86400', '#7b4bc4', '#0f8a99'];
  var TOTAL = '#1c2430';
  var charts = [];

  function options(spec, width) {
    return {
      width: width,
      height: 200,
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      // The whole range on x, however few points there are yet; from 0 on y, whole-number ticks for counts.
      scales: {
        x: { time: true, range: [spec.from, spec.to] },
        y: {
          range: function (u, min, max) {
            return [0, Math.max(spec.integer ? 1 : 0.1, max * 1.1)];
          },
        },
      },
      axes: [
        { stroke: '#6b7585', grid: { stroke: '#eef1f5' } },
        {
          stroke: '#6b7585',
          grid: { stroke: '#eef1f5' },
          size: 56,
          incrs: spec.integer
            ? [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 1e5, 1e6]
            : undefined,
        },
      ],
      series: [{}].concat(
        spec.series.map(function (series, index) {
          var total = series.label === 'total';
          return {
            label: series.label,
            stroke: total ? TOTAL : COLORS[index % COLORS.length],
            width: total ? 2 : 1.5,
            dash: total ? [6, 4] : undefined,
            spanGaps: true,
            points: { show: spec.x.length < 3 },
          };
        }),
      ),
    };
  }

  function draw() {
    charts.forEach(function (chart) {
      chart.destroy();
    });
    charts = [];
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      var spec = JSON.parse(element.getAttribute('data-chart'));
      element.textContent = '';
      var data = [spec.x].concat(
        spec.series.map(function (series) {
          return series.values;
        }),
      );
      charts.push(new uPlot(options(spec, Math.max(280, element.clientWidth)), data, element));
    });
  }

  var resizeTimer;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(draw, 150);
  });
  document.addEventListener('karafka:refreshed', draw);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
