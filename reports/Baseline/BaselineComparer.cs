using Resilience.Reports.Model;

namespace Resilience.Reports.Baseline;

/// <summary>
/// Compares each scenario with the same scenario (suite and name) of an earlier report: p95, error rate
/// and MTTR must not rise, the breaking point must not fall, by more than the tolerance.
/// </summary>
internal static class BaselineComparer
{
    /// <summary>The regressions of <paramref name="current"/> against the same scenarios of <paramref name="baseline"/>.</summary>
    /// <param name="current">This run's scenarios.</param>
    /// <param name="baseline">The earlier report; a scenario it has twice is compared with its first entry.</param>
    /// <param name="baselineFile">The baseline's file name, as the comparison shows it.</param>
    /// <param name="tolerance">How much worse a figure may get.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance percentage is negative or not finite.</exception>
    public static BaselineComparison Compare(
        IReadOnlyList<ScenarioReport> current,
        SignoffReport baseline,
        string baselineFile,
        RegressionTolerance tolerance)
    {
        tolerance.Validate();
        var earlier = baseline.Scenarios
            .GroupBy(Key)
            .ToDictionary(group => group.Key, group => group.First());

        var regressions = new List<Regression>();
        foreach (var scenario in current)
        {
            if (earlier.TryGetValue(Key(scenario), out var before))
            {
                regressions.AddRange(Regressions(before, scenario, tolerance));
            }
        }

        var currentKeys = current.Select(Key).ToHashSet();
        var missing = earlier.Keys.Where(key => !currentKeys.Contains(key)).Select(key => key.Scenario).ToList();

        return new BaselineComparison(
            baselineFile,
            baseline.RunId,
            baseline.GeneratedAt,
            tolerance.Percent,
            regressions,
            missing);
    }

    /// <summary>Hands each scenario its own regressions, so every format can show them in place.</summary>
    public static IReadOnlyList<ScenarioReport> Attach(IReadOnlyList<ScenarioReport> scenarios, BaselineComparison comparison) =>
        scenarios
            .Select(scenario => scenario with
            {
                Regressions = comparison.Regressions.Where(r => r.Scenario == scenario.Scenario).ToList(),
            })
            .ToList();

    private static IEnumerable<Regression> Regressions(ScenarioReport before, ScenarioReport now, RegressionTolerance tolerance)
    {
        var name = now.Scenario;
        var p95 = Rise(name, RegressionMetrics.P95, before.Sla.Latency.P95Ms, now.Sla.Latency.P95Ms, tolerance.Percent, tolerance.P95FloorMs, ReportFigures.Milliseconds);
        var errors = Rise(name, RegressionMetrics.ErrorRate, before.Sla.ErrorRate, now.Sla.ErrorRate, tolerance.Percent, tolerance.ErrorRateFloor, ReportFigures.Percentage);
        var mttr = before.Recovery.MttrS is { } mttrBefore
            ? now.Recovery.MttrS is null
                ? new Regression(name, RegressionMetrics.Mttr, mttrBefore, null, null,
                    $"MTTR: recovered in {ReportFigures.Seconds(mttrBefore)} before, no recovery measured now")
                : Rise(name, RegressionMetrics.Mttr, mttrBefore, now.Recovery.MttrS, tolerance.Percent, tolerance.MttrFloorS, ReportFigures.Seconds)
            : null;
        // A breaking point that was not reached now means the SLA held at every rate tried: not a regression.
        var breakingPoint = before.BreakingPointRps is { } pointBefore && now.BreakingPointRps is { } pointNow
            ? Fall(name, RegressionMetrics.BreakingPoint, pointBefore, pointNow, tolerance.Percent, tolerance.BreakingPointFloorRps, ReportFigures.Rate)
            : null;

        return new[] { p95, errors, mttr, breakingPoint }.OfType<Regression>();
    }

    private static Regression? Rise(string scenario, string metric, double before, double? now, double percent, double floor, Func<double?, string> format)
    {
        if (now is not { } value || value - before <= Allowance(before, percent, floor))
        {
            return null;
        }

        return new Regression(scenario, metric, before, value, ChangePercent(before, value),
            $"{Label(metric)} rose from {format(before)} to {format(value)}{ChangeText(before, value)}, tolerance {ReportFigures.Number(percent)} %");
    }

    private static Regression? Fall(string scenario, string metric, double before, double now, double percent, double floor, Func<double?, string> format)
    {
        if (before - now <= Allowance(before, percent, floor))
        {
            return null;
        }

        return new Regression(scenario, metric, before, now, ChangePercent(before, now),
            $"{Label(metric)} fell from {format(before)} to {format(now)}{ChangeText(before, now)}, tolerance {ReportFigures.Number(percent)} %");
    }

    private static double Allowance(double before, double percent, double floor) =>
        Math.Max(Math.Abs(before) * percent / 100, floor);

    private static double? ChangePercent(double before, double now) =>
        before == 0 ? null : Math.Round((now - before) / Math.Abs(before) * 100, 1);

    private static string ChangeText(double before, double now) =>
        ChangePercent(before, now) is { } change ? $" ({(change >= 0 ? "+" : "")}{ReportFigures.Number(change)} %)" : "";

    private static string Label(string metric) => metric switch
    {
        RegressionMetrics.P95 => "p95",
        RegressionMetrics.ErrorRate => "error rate",
        RegressionMetrics.Mttr => "MTTR",
        RegressionMetrics.BreakingPoint => "breaking point",
        _ => metric,
    };

    private static (string Suite, string Scenario) Key(ScenarioReport scenario) => (scenario.Suite, scenario.Scenario);
}
