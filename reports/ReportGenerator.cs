using Resilience.Load.Records;
using Resilience.Reports.Baseline;
using Resilience.Reports.Building;
using Resilience.Reports.Input;
using Resilience.Reports.Model;
using Resilience.Reports.Scrubbing;
using Resilience.Reports.Writers;

namespace Resilience.Reports;

/// <summary>What to report on and where; see the CLI (<c>resilience-report --help</c>) for each setting.</summary>
/// <param name="OutputRoot">The report goes to a new folder named after the run id inside it.</param>
public sealed record ReportRequest(string OutputRoot)
{
    /// <summary>What the records do not say (run id, environment, versions); its defaults unless set.</summary>
    public RunMetadata Metadata { get; init; } = new();

    /// <summary>Path of an earlier report.json to compare with; null compares with nothing.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>How much worse than the baseline a figure may get; 10 % and the default floors unless set.</summary>
    public RegressionTolerance Tolerance { get; init; } = new();

    /// <summary>A regression against the baseline fails the verdict (a gate); false only reports it.</summary>
    public bool FailOnRegression { get; init; } = true;

    /// <summary>Masks secrets in every string of the report; by default it knows no secret values, only patterns.</summary>
    public SecretScrubber Scrubber { get; init; } = SecretScrubber.PatternsOnly;
}

/// <summary>The written report: its folder, each file, and the (scrubbed) report they were rendered from.</summary>
/// <param name="Directory">The run's new folder, a full path: the output root and the run id.</param>
/// <param name="JsonPath">Full path of report.json (report.schema.json is beside it).</param>
/// <param name="MarkdownPath">Full path of report.md.</param>
/// <param name="HtmlPath">Full path of report.html.</param>
/// <param name="TimelinePaths">Full paths of the CSV timelines, one per scenario, in the report's order.</param>
/// <param name="Report">The scrubbed report every file was rendered from.</param>
public sealed record ReportOutput(
    string Directory,
    string JsonPath,
    string MarkdownPath,
    string HtmlPath,
    IReadOnlyList<string> TimelinePaths,
    SignoffReport Report);

/// <summary>Run records in, report.json + report.schema.json + report.md + report.html + CSV timelines out.</summary>
public static class ReportGenerator
{
    /// <summary>Reports on every run record (*.json) directly in <paramref name="runsDirectory"/>.</summary>
    /// <param name="runsDirectory">The folder the suites wrote their run records to, e.g. "artifacts/resilience/runs".</param>
    /// <param name="request">What to report and where.</param>
    /// <param name="cancellationToken">Stops reading and writing files.</param>
    /// <exception cref="ReportInputException">
    /// The folder is missing or holds no record, a record or the baseline is unreadable, or the run id cannot
    /// name a new folder (e.g. it holds a path separator, or a report of that id exists).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance percentage is negative or not finite (with a baseline).</exception>
    public static async Task<ReportOutput> GenerateAsync(string runsDirectory, ReportRequest request, CancellationToken cancellationToken = default) =>
        await GenerateAsync(await RunRecordDirectory.LoadAsync(runsDirectory, cancellationToken), request, cancellationToken);

    /// <summary>
    /// Builds the report of <paramref name="records"/>, scrubs it, and writes it to a new folder
    /// named after the run id inside <see cref="ReportRequest.OutputRoot"/>. Without a run id the folder is named
    /// after <see cref="RunMetadata.GeneratedAt"/> (UTC, to the second), with a "-2" (or higher) suffix if that is taken.
    /// </summary>
    /// <param name="records">The run records, one per scenario run; at least one.</param>
    /// <param name="request">What to report and where.</param>
    /// <param name="cancellationToken">Stops reading and writing files.</param>
    /// <exception cref="ReportInputException">
    /// There is no record, the baseline is missing or unreadable, or the run id cannot name a new folder
    /// (e.g. it holds a path separator, or a report of that id exists).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance percentage is negative or not finite (with a baseline).</exception>
    public static async Task<ReportOutput> GenerateAsync(IReadOnlyList<RunRecord> records, ReportRequest request, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            throw new ReportInputException("There are no run records to report on.");
        }

        var metadata = request.Metadata with
        {
            RunId = request.Metadata.RunId ?? UnusedDefaultRunId(request.OutputRoot, request.Metadata.GeneratedAt),
        };

        BaselineInput? baseline = null;
        if (request.BaselinePath is { } baselinePath)
        {
            baseline = new BaselineInput(
                await BaselineReportFile.ReadAsync(baselinePath, cancellationToken),
                Path.GetFileName(baselinePath),
                request.Tolerance);
        }

        var report = ReportScrubber.Scrub(
            SignoffReportBuilder.Build(records, metadata, baseline, request.FailOnRegression),
            request.Scrubber);

        var directory = CreateRunDirectory(request.OutputRoot, report.RunId);
        var json = await JsonReportWriter.WriteAsync(report, directory, cancellationToken);
        var markdown = await MarkdownReportWriter.WriteAsync(report, directory, cancellationToken);
        var html = await HtmlReportWriter.WriteAsync(report, directory, cancellationToken);
        var timelines = await CsvTimelineWriter.WriteAllAsync(report, directory, cancellationToken);
        return new ReportOutput(directory, json, markdown, html, timelines, report);
    }

    // Two reports generated within one second get distinct default ids rather than an error.
    private static string UnusedDefaultRunId(string outputRoot, DateTimeOffset generatedAt)
    {
        var stem = SignoffReportBuilder.DefaultRunId(generatedAt);
        var runId = stem;
        for (var n = 2; System.IO.Directory.Exists(Path.Combine(outputRoot, runId)); n++)
        {
            runId = $"{stem}-{n}";
        }

        return runId;
    }

    // A run id names a folder: refuse one that would climb out of the output root, never overwrite an earlier report.
    private static string CreateRunDirectory(string outputRoot, string runId)
    {
        if (runId.Length == 0 || runId is "." or ".." || runId.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0)
        {
            throw new ReportInputException($"The run id '{runId}' cannot name a folder.");
        }

        var directory = Path.Combine(Path.GetFullPath(outputRoot), runId);
        if (System.IO.Directory.Exists(directory))
        {
            throw new ReportInputException($"A report for run '{runId}' already exists in '{directory}'; pick another --run-id.");
        }

        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
