namespace Resilience.Reports.Model;

/// <summary>How this run compares with an earlier report.json.</summary>
/// <param name="BaselineFile">The baseline's file name (not its full path: paths can carry user names).</param>
/// <param name="BaselineRunId">The run id of the baseline report, e.g. "20250101T120000Z".</param>
/// <param name="BaselineGeneratedAt">When the baseline report was generated.</param>
/// <param name="TolerancePercent">How much worse than the baseline a figure may get before it is flagged.</param>
/// <param name="Regressions">Every regression found, over all scenarios; empty when none.</param>
/// <param name="MissingScenarios">Scenarios the baseline has and this run does not.</param>
public sealed record BaselineComparison(
    string BaselineFile,
    string BaselineRunId,
    DateTimeOffset BaselineGeneratedAt,
    double TolerancePercent,
    IReadOnlyList<Regression> Regressions,
    IReadOnlyList<string> MissingScenarios);

/// <summary>One figure that got worse than the baseline by more than the tolerance.</summary>
/// <param name="Scenario">The scenario's name, as in <see cref="ScenarioReport.Scenario"/>.</param>
/// <param name="Metric">One of <see cref="RegressionMetrics"/>.</param>
/// <param name="Baseline">The baseline's value, in the metric's unit (the suffix of <paramref name="Metric"/>).</param>
/// <param name="Current">Null when the figure was not reached this time (e.g. no recovery).</param>
/// <param name="ChangePercent">Relative change from the baseline; null when it cannot be expressed as one.</param>
/// <param name="Description">One line for people, e.g. "p95 rose from 120 ms to 180 ms (+50 %), tolerance 10 %".</param>
public sealed record Regression(
    string Scenario,
    string Metric,
    double Baseline,
    double? Current,
    double? ChangePercent,
    string Description);

/// <summary>The <see cref="Regression.Metric"/> values: the figures compared with a baseline, unit as suffix.</summary>
internal static class RegressionMetrics
{
    /// <summary>95th percentile latency from the intended start, in milliseconds; a rise regresses.</summary>
    public const string P95 = "p95_ms";

    /// <summary>Errors per completed request, 0..1; a rise regresses.</summary>
    public const string ErrorRate = "error_rate";

    /// <summary>Time to recover after the fault, in seconds; a rise, or no recovery any more, regresses.</summary>
    public const string Mttr = "mttr_s";

    /// <summary>The highest request rate at which the SLA held, in requests per second; a fall regresses.</summary>
    public const string BreakingPoint = "breaking_point_rps";
}
