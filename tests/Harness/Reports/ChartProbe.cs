using System.Text.Json;
using Microsoft.Playwright;

namespace Resilience.Tests.Harness.Reports;

/// <summary>What report.js drew, read back from the page: Chart.js's own state and the canvas pixels.</summary>
public static class ChartProbe
{
    public sealed record DrawnChart(string Kind, string Type, IReadOnlyList<string> Datasets, int Points, int Annotations, double InkedFraction);

    public sealed record DrawnScenario(int Index, IReadOnlyList<DrawnChart> Charts);

    /// <summary>
    /// Share of reddish (fault-shaded) pixels in the upper third of the throughput chart, inside and outside a fault
    /// window. Each time is read as a strip a few pixels wide, because a gridline can fall on the exact column of a
    /// tick (Chromium 156 rounds it onto the probed pixel), and "reddish" is judged by hue, not by absolute levels,
    /// so a gridline composited over the shading still counts as shaded.
    /// </summary>
    public sealed record FaultShading(double Inside, double Outside);

    public static async Task WaitForChartsAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.documentElement.hasAttribute('data-charts-rendered')");

    public static async Task<IReadOnlyList<DrawnScenario>> ChartsAsync(IPage page) =>
        Read<List<DrawnScenario>>(await page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('[data-charts-for]')).map(container => ({
              index: Number(container.getAttribute('data-charts-for')),
              charts: Array.from(container.querySelectorAll('canvas')).map(canvas => {
                const chart = Chart.getChart(canvas);
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let inked = 0;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) inked++; }
                return {
                  kind: canvas.closest('.chart').classList[1],
                  type: chart.config.type,
                  datasets: chart.data.datasets.map(d => d.label),
                  points: chart.data.datasets.reduce((n, d) => n + d.data.length, 0),
                  annotations: Object.keys(chart.options.plugins.annotation.annotations).length,
                  inkedFraction: inked / (canvas.width * canvas.height)
                };
              })
            }))
            """));

    public static async Task<FaultShading> FaultShadingAsync(IPage page, int scenarioIndex, double insideS, double outsideS) =>
        Read<FaultShading>(await page.EvaluateAsync<JsonElement>("""
            ([index, insideS, outsideS]) => {
              const canvas = document.querySelector(`[data-charts-for="${index}"] .chart.traffic canvas`);
              const chart = Chart.getChart(canvas);
              const context = canvas.getContext('2d');
              const ratio = window.devicePixelRatio;
              const area = chart.chartArea;
              const halfStrip = 3;
              const reddish = seconds => {
                const x = Math.round(chart.scales.x.getPixelForValue(seconds) * ratio) - halfStrip;
                const top = Math.ceil((area.top + 2) * ratio);
                const height = Math.floor((area.bottom - area.top) / 3 * ratio);
                const pixels = context.getImageData(x, top, 2 * halfStrip + 1, height).data;
                let red = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                  const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
                  if (a > 0 && r - Math.max(g, b) > 60) red++;
                }
                return red / (pixels.length / 4);
              };
              return { inside: reddish(insideS), outside: reddish(outsideS) };
            }
            """, new object[] { scenarioIndex, insideS, outsideS }));

    /// <summary>
    /// The RGBA colour of the breaker band at a breaker's row and a time: the per-channel median of a 5 x 5 patch, so
    /// that a gridline or an anti-aliased edge on the exact pixel cannot decide it.
    /// </summary>
    public static async Task<int[]> BandColourAsync(IPage page, int scenarioIndex, string breaker, double seconds) =>
        Read<int[]>(await page.EvaluateAsync<JsonElement>("""
            ([index, breaker, seconds]) => {
              const canvas = document.querySelector(`[data-charts-for="${index}"] .chart.band canvas`);
              const chart = Chart.getChart(canvas);
              const ratio = window.devicePixelRatio;
              const row = chart.scales.y.getLabels().indexOf(breaker);
              const x = Math.round(chart.scales.x.getPixelForValue(seconds) * ratio);
              const y = Math.round(chart.scales.y.getPixelForTick(row) * ratio);
              const patch = canvas.getContext('2d').getImageData(x - 2, y - 2, 5, 5).data;
              return [0, 1, 2, 3].map(channel => {
                const values = [];
                for (let i = channel; i < patch.length; i += 4) values.push(patch[i]);
                values.sort((a, b) => a - b);
                return values[Math.floor(values.length / 2)];
              });
            }
            """, new object[] { scenarioIndex, breaker, seconds }));

    private static T Read<T>(JsonElement json) =>
        json.Deserialize<T>(new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("The page answered null.");
}
