using Resilience.Reports.Model;

namespace Resilience.Reports.Writers;

/// <summary>
/// What report.js draws, as columns rather than the report's per-second objects: a signoff run of
/// half-hour scenarios stays a page a browser opens quickly.
/// </summary>
public sealed record HtmlChartData(IReadOnlyList<ScenarioChartData> Scenarios)
{
    public static HtmlChartData From(SignoffReport report) =>
        new(HtmlReportSections.Ordered(report).Select(ScenarioChartData.From).ToList());
}

/// <param name="Id">The HTML id of the scenario's section, which holds the chart container.</param>
public sealed record ScenarioChartData(
    string Id,
    string Title,
    double DurationS,
    TimelineColumns Series,
    IReadOnlyList<ChartWindow> Faults,
    IReadOnlyList<BreakerSpan> Breakers)
{
    public static ScenarioChartData From(ScenarioReport scenario, int index)
    {
        var t = scenario.Timeline;
        return new ScenarioChartData(
            HtmlReportSections.SectionId(index),
            scenario.Scenario,
            Math.Max(scenario.DurationS, t.Count),
            new TimelineColumns(
                t.Select(s => s.Second).ToList(),
                t.Select(s => s.Attempted).ToList(),
                t.Select(s => s.Ok).ToList(),
                t.Select(s => s.Degraded).ToList(),
                t.Select(s => s.Errors).ToList(),
                t.Select(s => s.Dropped).ToList(),
                t.Select(s => s.P50Ms).ToList(),
                t.Select(s => s.P95Ms).ToList(),
                t.Select(s => s.P99Ms).ToList()),
            scenario.Faults.Select(f => new ChartWindow(f.Subject is { } subject && !f.Label.Contains(subject, StringComparison.OrdinalIgnoreCase) ? $"{subject}: {f.Label}" : f.Label, f.StartS, f.EndS)).ToList(),
            scenario.BreakerStates);
    }
}

public sealed record TimelineColumns(
    IReadOnlyList<int> Second,
    IReadOnlyList<long> Attempted,
    IReadOnlyList<long> Ok,
    IReadOnlyList<long> Degraded,
    IReadOnlyList<long> Errors,
    IReadOnlyList<long> Dropped,
    IReadOnlyList<double> P50,
    IReadOnlyList<double> P95,
    IReadOnlyList<double> P99);

public sealed record ChartWindow(string Label, double StartS, double? EndS);
