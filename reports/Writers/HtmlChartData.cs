using Resilience.Reports.Model;

namespace Resilience.Reports.Writers;

/// <summary>
/// What report.js draws, as columns rather than the report's per-second objects: a signoff run of
/// half-hour scenarios stays a page a browser opens quickly.
/// </summary>
/// <param name="Scenarios">One entry per scenario, in the page's order (<see cref="HtmlReportSections.Ordered"/>).</param>
internal sealed record HtmlChartData(IReadOnlyList<ScenarioChartData> Scenarios)
{
    /// <summary>The chart data of every scenario of <paramref name="report"/>, in the page's order.</summary>
    public static HtmlChartData From(SignoffReport report) =>
        new(HtmlReportSections.Ordered(report).Select(ScenarioChartData.From).ToList());
}

/// <summary>What one scenario's charts draw.</summary>
/// <param name="Id">The HTML id of the scenario's section, which holds the chart container.</param>
/// <param name="Title">The scenario's name.</param>
/// <param name="DurationS">The x axis's length in seconds: the scenario's duration, at least its timeline's length.</param>
/// <param name="Series">The per-second figures, one column each.</param>
/// <param name="Faults">The fault windows, labelled "subject: label" unless the label names the subject already.</param>
/// <param name="Breakers">The breaker states, as in <see cref="ScenarioReport.BreakerStates"/>.</param>
internal sealed record ScenarioChartData(
    string Id,
    string Title,
    double DurationS,
    TimelineColumns Series,
    IReadOnlyList<ChartWindow> Faults,
    IReadOnlyList<BreakerSpan> Breakers)
{
    /// <summary>The chart data of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario to chart.</param>
    /// <param name="index">Its 0-based place in the page's order, which gives its section id.</param>
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

/// <summary>A scenario's timeline as columns: entry i of every list is the timeline's i-th second.</summary>
/// <param name="Second">Seconds since the run started (0-based).</param>
/// <param name="Attempted">Iterations the schedule asked for (open model) or began (closed model).</param>
/// <param name="Ok">Iterations completed that second whose step succeeded.</param>
/// <param name="Degraded">Iterations completed that second that were served in a degraded way.</param>
/// <param name="Errors">Iterations completed that second whose step failed.</param>
/// <param name="Dropped">Open-model arrivals dropped that second.</param>
/// <param name="P50">Median latency of that second's completions, in milliseconds.</param>
/// <param name="P95">95th percentile latency of that second's completions, in milliseconds.</param>
/// <param name="P99">99th percentile latency of that second's completions, in milliseconds.</param>
internal sealed record TimelineColumns(
    IReadOnlyList<int> Second,
    IReadOnlyList<long> Attempted,
    IReadOnlyList<long> Ok,
    IReadOnlyList<long> Degraded,
    IReadOnlyList<long> Errors,
    IReadOnlyList<long> Dropped,
    IReadOnlyList<double> P50,
    IReadOnlyList<double> P95,
    IReadOnlyList<double> P99);

/// <summary>A fault window as a chart shades it, in seconds since the scenario started.</summary>
/// <param name="Label">The window's caption, e.g. "postgres: latency 500ms".</param>
/// <param name="StartS">When the window opened, or the instant.</param>
/// <param name="EndS">When it closed; null for an instant, drawn as a line.</param>
internal sealed record ChartWindow(string Label, double StartS, double? EndS);
