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
      scales: { x: { time: true } },
      axes: [
        { stroke: '#6b7585', grid: { stroke: '#eef1f5' } },
        { stroke: '#6b7585', grid: { stroke: '#eef1f5' }, size: 56 },
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
