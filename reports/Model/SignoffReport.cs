namespace Resilience.Reports.Model;

/// <summary>
/// The sign-off report of one test run: what ran where, and each scenario's verdict and figures.
/// This is the shape of report.json; Resources/report.schema.json describes it and
/// <see cref="SchemaVersion"/> changes whenever that shape does.
/// </summary>
/// <param name="Profile">The RESILIENCE_PROFILE of the run, or "mixed" when the records disagree.</param>
/// <param name="Seed">The run's seed when every scenario shares one; each scenario carries its own too.</param>
/// <param name="Baseline">The comparison with an earlier report, when one was given.</param>
public sealed record SignoffReport(
    int SchemaVersion,
    string RunId,
    DateTimeOffset GeneratedAt,
    Verdict Verdict,
    string Profile,
    long? Seed,
    ReportEnvironment Environment,
    ReportVersions Versions,
    ReportSummary Summary,
    BaselineComparison? Baseline,
    IReadOnlyList<ScenarioReport> Scenarios)
{
    public const int CurrentSchemaVersion = 1;
}

public enum Verdict
{
    Pass,
    Fail,
}

/// <param name="Provider">The environment provider: local, containers, external.</param>
public sealed record ReportEnvironment(string Provider, int ProcessorCount, string OsArchitecture);

/// <summary>Versions of what the run measured; null when not known to the report generator.</summary>
public sealed record ReportVersions(
    string Dotnet,
    string Os,
    string? Postgres,
    string? Redis,
    string? Harness,
    string? GitCommit);

/// <param name="Regressions">Regressions against the baseline; 0 without one.</param>
public sealed record ReportSummary(int Scenarios, int Passed, int Failed, int Regressions);
