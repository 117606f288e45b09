using Resilience.Load.Records;
using Resilience.Reports;
using Resilience.Reports.Baseline;
using Resilience.Reports.Building;
using Resilience.Reports.Scrubbing;

namespace Resilience.Tests.Harness.Reports;

/// <summary>Generates a report the way the CLI does: records written to a runs folder, then read back.</summary>
public static class ReportGeneration
{
    public static readonly RunMetadata Metadata = new()
    {
        RunId = "run-under-test",
        EnvironmentProvider = "local",
        PostgresVersion = "15.14",
        RedisVersion = "7.0.15",
        GitCommit = "0123456789abcdef0123456789abcdef01234567",
        GeneratedAt = SampleRuns.Start.AddMinutes(5),
    };

    public static async Task<ReportOutput> GenerateAsync(
        TempFolder folder,
        IEnumerable<RunRecord>? records = null,
        string runId = "run-under-test",
        string? baselinePath = null,
        double tolerancePercent = 10,
        SecretScrubber? scrubber = null)
    {
        var runs = Path.Combine(folder.Path, $"runs-{runId}");
        await SampleRuns.WriteAsync(records ?? SampleRuns.All(), runs);
        return await ReportGenerator.GenerateAsync(runs, new ReportRequest(folder.Out)
        {
            Metadata = Metadata with { RunId = runId },
            BaselinePath = baselinePath,
            Tolerance = new RegressionTolerance { Percent = tolerancePercent },
            Scrubber = scrubber ?? SecretScrubber.PatternsOnly,
        }, TestContext.Current.CancellationToken);
    }
}
