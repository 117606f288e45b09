using System.Globalization;
using System.Runtime.InteropServices;
using Resilience.Load.Records;
using Resilience.Reports.Baseline;
using Resilience.Reports.Model;

namespace Resilience.Reports.Building;

/// <summary>Assembles the report of one run from its records, its metadata and an optional baseline.</summary>
internal static class SignoffReportBuilder
{
    /// <summary>The report's profile when the records ran under different profiles.</summary>
    public const string MixedProfile = "mixed";

    /// <summary>The report of the records, ordered by suite, scenario name and start time.</summary>
    /// <param name="records">One run record per scenario run.</param>
    /// <param name="metadata">What the records do not say; its null settings fall back to the records or to defaults.</param>
    /// <param name="baseline">An earlier report to compare with; null compares with nothing.</param>
    /// <param name="failOnRegression">True lets a regression fail the verdict; false only reports it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The baseline's tolerance percentage is negative or not finite.</exception>
    public static SignoffReport Build(
        IReadOnlyList<RunRecord> records,
        RunMetadata metadata,
        BaselineInput? baseline = null,
        bool failOnRegression = true)
    {
        var ordered = records
            .OrderBy(r => r.Suite, StringComparer.Ordinal)
            .ThenBy(r => r.Scenario, StringComparer.Ordinal)
            .ThenBy(r => r.StartedAt)
            .ToList();
        var csvNames = TimelineFileNames.Assign(ordered);
        IReadOnlyList<ScenarioReport> scenarios = ordered.Select((r, i) => ScenarioReportBuilder.Build(r, csvNames[i])).ToList();

        BaselineComparison? comparison = null;
        if (baseline is not null)
        {
            comparison = BaselineComparer.Compare(scenarios, baseline.Report, baseline.FileName, baseline.Tolerance);
            scenarios = BaselineComparer.Attach(scenarios, comparison);
        }

        var failed = scenarios.Count(s => s.Verdict == Verdict.Fail);
        var regressions = comparison?.Regressions.Count ?? 0;
        var verdict = failed > 0 || (failOnRegression && regressions > 0) ? Verdict.Fail : Verdict.Pass;

        return new SignoffReport(
            SignoffReport.CurrentSchemaVersion,
            metadata.RunId ?? DefaultRunId(metadata.GeneratedAt),
            metadata.GeneratedAt,
            verdict,
            metadata.Profile ?? ProfileOf(records),
            metadata.Seed ?? SharedSeed(records),
            new ReportEnvironment(
                metadata.EnvironmentProvider,
                Environment.ProcessorCount,
                RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()),
            new ReportVersions(
                RuntimeInformation.FrameworkDescription,
                RuntimeInformation.OSDescription,
                metadata.PostgresVersion,
                metadata.RedisVersion,
                metadata.HarnessVersion,
                metadata.GitCommit),
            new ReportSummary(scenarios.Count, scenarios.Count - failed, failed, regressions),
            comparison,
            scenarios);
    }

    /// <summary>The run id when none is given: the UTC time to the second, e.g. "20250101T120000Z".</summary>
    public static string DefaultRunId(DateTimeOffset generatedAt) =>
        generatedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string ProfileOf(IReadOnlyList<RunRecord> records)
    {
        var profiles = records.Select(r => r.Profile).Distinct(StringComparer.Ordinal).ToList();
        return profiles.Count == 1 ? profiles[0] : MixedProfile;
    }

    private static long? SharedSeed(IReadOnlyList<RunRecord> records)
    {
        var seeds = records.Select(r => r.Seed).Distinct().ToList();
        return seeds.Count == 1 ? seeds[0] : null;
    }
}

/// <summary>An earlier report to compare with, and how much worse a figure may get.</summary>
/// <param name="Report">The earlier report, e.g. read by <see cref="Input.BaselineReportFile.ReadAsync"/>.</param>
/// <param name="FileName">Its file name as the report shows it; no directory, as a path can carry a user name.</param>
/// <param name="Tolerance">How much worse than the baseline a figure may get.</param>
internal sealed record BaselineInput(SignoffReport Report, string FileName, RegressionTolerance Tolerance);
