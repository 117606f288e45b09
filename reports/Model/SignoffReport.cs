namespace Resilience.Reports.Model;

/// <summary>
/// The sign-off report of one test run: what ran where, and each scenario's verdict and figures.
/// This is the shape of report.json; Resources/report.schema.json describes it and
/// <see cref="SchemaVersion"/> changes whenever that shape does.
/// </summary>
/// <param name="SchemaVersion">The version of this shape the report was written in; <see cref="CurrentSchemaVersion"/> when built here.</param>
/// <param name="RunId">The run's name, also its output folder's, e.g. "20250101T120000Z".</param>
/// <param name="GeneratedAt">When the report was generated.</param>
/// <param name="Verdict">Fail when a scenario failed, or when a baseline regression counts as a failure; else Pass.</param>
/// <param name="Profile">The RESILIENCE_PROFILE of the run, or "mixed" when the records disagree.</param>
/// <param name="Seed">The run's seed when every scenario shares one; each scenario carries its own too.</param>
/// <param name="Environment">The provider the suites ran on, and the generating machine's processors and architecture.</param>
/// <param name="Versions">The versions of .NET, the OS and the services the run measured.</param>
/// <param name="Summary">Counts of scenarios passed and failed, and of regressions.</param>
/// <param name="Baseline">The comparison with an earlier report, when one was given.</param>
/// <param name="Scenarios">One entry per run record, ordered by suite, scenario name and start time.</param>
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
    /// <summary>The report.json schema version this library writes, and the only one it reads back.</summary>
    public const int CurrentSchemaVersion = 1;
}

/// <summary>The outcome of a scenario or of a whole run.</summary>
public enum Verdict
{
    /// <summary>The scenario passed its judgement; for a run, every scenario did and no regression failed the gate.</summary>
    Pass,

    /// <summary>The scenario failed its judgement or did not complete; for a run, a scenario failed or a regression failed the gate.</summary>
    Fail,
}

/// <summary>Where the suites ran and where the report was generated.</summary>
/// <param name="Provider">The environment provider: local, containers, external.</param>
/// <param name="ProcessorCount">Logical processors of the machine that generated the report.</param>
/// <param name="OsArchitecture">Its OS architecture in lower case, e.g. "x64" or "arm64".</param>
public sealed record ReportEnvironment(string Provider, int ProcessorCount, string OsArchitecture);

/// <summary>Versions of what the run measured; null when not known to the report generator.</summary>
/// <param name="Dotnet">The .NET runtime of the report generator, e.g. ".NET 10.0.0".</param>
/// <param name="Os">The OS description of the report generator's machine.</param>
/// <param name="Postgres">The PostgreSQL version, as given to the generator.</param>
/// <param name="Redis">The Redis version, as given to the generator.</param>
/// <param name="Harness">The test harness version, as given to the generator.</param>
/// <param name="GitCommit">The commit the run was built from, as given to the generator.</param>
public sealed record ReportVersions(
    string Dotnet,
    string Os,
    string? Postgres,
    string? Redis,
    string? Harness,
    string? GitCommit);

/// <summary>The run's counts at a glance.</summary>
/// <param name="Scenarios">Scenarios in the report.</param>
/// <param name="Passed">Scenarios whose verdict is Pass.</param>
/// <param name="Failed">Scenarios whose verdict is Fail.</param>
/// <param name="Regressions">Regressions against the baseline; 0 without one.</param>
public sealed record ReportSummary(int Scenarios, int Passed, int Failed, int Regressions);
