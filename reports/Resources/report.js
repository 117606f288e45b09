// Draws each scenario's charts into its container from the JSON in #report-data (see HtmlChartData).
// Text from the data is only ever set as textContent or handed to Chart.js, never parsed as HTML.
(function () {
  'use strict';

  var colours = {
    attempted: '#8c959f', ok: '#1f7a45', errors: '#b42318', dropped: '#d4621c', degraded: '#c48a00',
    p50: '#2f6fdb', p95: '#c86a00', p99: '#b42318'
  };
  var stateColours = { Closed: '#2e9d5b', HalfOpen: '#e0a100', Open: '#d62839', Isolated: '#7b3fa0' };
  var faultFill = 'rgba(214, 40, 57, 0.12)';
  var faultEdge = 'rgba(214, 40, 57, 0.6)';
  // Every chart's y axis takes the same width, so the time axes of one scenario line up under each other.
  var valueAxisWidth = 72;

  function unique(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; });
  }

  function points(seconds, values) {
    return seconds.map(function (x, i) { return { x: x, y: values[i] }; });
  }

  function faultAnnotations(faults, withLabels) {
    var annotations = {};
    faults.forEach(function (fault, i) {
      var label = {
        display: withLabels, content: fault.label, position: { x: 'start', y: 'start' },
        color: '#7a1a12', backgroundColor: 'rgba(255, 255, 255, 0.8)', font: { size: 11 }, padding: 3
      };
      annotations['fault' + i] = fault.endS === null
        ? { type: 'line', xMin: fault.startS, xMax: fault.startS, borderColor: faultEdge, borderWidth: 2, borderDash: [4, 3], label: label }
        : { type: 'box', xMin: fault.startS, xMax: fault.endS, backgroundColor: faultFill, borderColor: faultEdge, borderWidth: 1, drawTime: 'beforeDatasetsDraw', label: label };
    });
    return annotations;
  }

  function timeAxis(durationS, showTitle) {
    return {
      type: 'linear', min: 0, max: Math.max(1, Math.ceil(durationS)),
      title: { display: showTitle, text: 'seconds since start' }, ticks: { maxTicksLimit: 24 }
    };
  }

  function valueAxis(title) {
    return { beginAtZero: true, title: { display: true, text: title }, afterFit: function (axis) { axis.width = valueAxisWidth; } };
  }

  function line(label, data, colour, extra) {
    var dataset = { label: label, data: data, borderColor: colour, backgroundColor: colour, borderWidth: 1.5, pointRadius: 0, pointHitRadius: 6, tension: 0 };
    return Object.assign(dataset, extra || {});
  }

  function lineChart(canvas, scenario, datasets, yTitle) {
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: { x: timeAxis(scenario.durationS, false), y: valueAxis(yTitle) },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { title: function (items) { return items.length ? 't = ' + items[0].parsed.x + ' s' : ''; } } },
          annotation: { annotations: faultAnnotations(scenario.faults, true) }
        }
      }
    });
  }

  function breakerChart(canvas, scenario) {
    var breakers = unique(scenario.breakers.map(function (b) { return b.breaker; }));
    var states = unique(scenario.breakers.map(function (b) { return b.state; }));
    var datasets = states.map(function (state) {
      return {
        label: state,
        data: scenario.breakers
          .filter(function (b) { return b.state === state; })
          .map(function (b) { return { x: [b.startS, b.endS], y: b.breaker }; }),
        backgroundColor: stateColours[state] || '#8c959f',
        grouped: false, barPercentage: 0.8, categoryPercentage: 1, borderSkipped: false
      };
    });
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: breakers, datasets: datasets },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        scales: {
          x: timeAxis(scenario.durationS, true),
          y: { type: 'category', labels: breakers, afterFit: function (axis) { axis.width = valueAxisWidth; } }
        },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.raw.y + ' ' + item.dataset.label + ': ' + item.raw.x[0] + ' s to ' + item.raw.x[1] + ' s';
              }
            }
          },
          annotation: { annotations: faultAnnotations(scenario.faults, false) }
        }
      }
    });
  }

  function chartBlock(container, kind, title, height) {
    var block = document.createElement('div');
    block.className = 'chart ' + kind;
    var heading = document.createElement('h3');
    heading.textContent = title;
    var box = document.createElement('div');
    box.className = 'canvas-box';
    if (height) {
      box.style.height = height + 'px';
    }
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', title);
    box.appendChild(canvas);
    block.appendChild(heading);
    block.appendChild(box);
    container.appendChild(block);
    return canvas;
  }

  function drawScenario(container, scenario) {
    var s = scenario.series;
    var traffic = [
      line('attempted', points(s.second, s.attempted), colours.attempted, { borderDash: [5, 4] }),
      line('ok', points(s.second, s.ok), colours.ok),
      line('errors', points(s.second, s.errors), colours.errors)
    ];
    if (s.dropped.some(function (n) { return n > 0; })) {
      traffic.push(line('dropped', points(s.second, s.dropped), colours.dropped));
    }
    var charts = [
      lineChart(chartBlock(container, 'traffic', 'Throughput and errors (requests per second)'), scenario, traffic, 'req/s'),
      lineChart(chartBlock(container, 'latency', 'Latency p50 / p95 / p99 (ms)'), scenario, [
        line('p50', points(s.second, s.p50), colours.p50),
        line('p95', points(s.second, s.p95), colours.p95),
        line('p99', points(s.second, s.p99), colours.p99)
      ], 'ms'),
      lineChart(chartBlock(container, 'degraded', 'Degraded answers (per second)'), scenario, [
        line('degraded', points(s.second, s.degraded), colours.degraded, { fill: 'origin', backgroundColor: 'rgba(196, 138, 0, 0.25)' })
      ], 'answers/s')
    ];
    if (scenario.breakers.length > 0) {
      var rows = unique(scenario.breakers.map(function (b) { return b.breaker; })).length;
      charts.push(breakerChart(chartBlock(container, 'band', 'Circuit breaker states', 70 + 26 * rows), scenario));
    }
    return charts.length;
  }

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rendered = 0;
  var failed = 0;
  document.querySelectorAll('[data-charts-for]').forEach(function (container) {
    var scenario = data.scenarios[Number(container.getAttribute('data-charts-for'))];
    try {
      rendered += drawScenario(container, scenario);
    } catch (error) {
      failed += 1;
      container.textContent = 'The charts of this scenario could not be drawn: ' + error.message;
      console.error('charts of ' + scenario.title + ' failed', error);
    }
  });
  document.documentElement.setAttribute('data-charts-rendered', String(rendered));
  document.documentElement.setAttribute('data-charts-failed', String(failed));
})();
