namespace Resilience.Reports.Model;

/// <summary>How this run compares with an earlier report.json.</summary>
/// <param name="BaselineFile">The baseline's file name (not its full path: paths can carry user names).</param>
/// <param name="TolerancePercent">How much worse than the baseline a figure may get before it is flagged.</param>
/// <param name="MissingScenarios">Scenarios the baseline has and this run does not.</param>
public sealed record BaselineComparison(
    string BaselineFile,
    string BaselineRunId,
    DateTimeOffset BaselineGeneratedAt,
    double TolerancePercent,
    IReadOnlyList<Regression> Regressions,
    IReadOnlyList<string> MissingScenarios);

/// <summary>One figure that got worse than the baseline by more than the tolerance.</summary>
/// <param name="Metric">One of <see cref="RegressionMetrics"/>.</param>
/// <param name="Current">Null when the figure was not reached this time (e.g. no recovery).</param>
/// <param name="ChangePercent">Relative change from the baseline; null when it cannot be expressed as one.</param>
public sealed record Regression(
    string Scenario,
    string Metric,
    double Baseline,
    double? Current,
    double? ChangePercent,
    string Description);

public static class RegressionMetrics
{
    public const string P95 = "p95_ms";
    public const string ErrorRate = "error_rate";
    public const string Mttr = "mttr_s";
    public const string BreakingPoint = "breaking_point_rps";
}
