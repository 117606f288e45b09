using System.CommandLine;
using Resilience.Reports.Baseline;
using Resilience.Reports.Building;
using Resilience.Reports.Input;
using Resilience.Reports.Model;
using Resilience.Reports.Scrubbing;

namespace Resilience.Reports.Cli;

public static class ExitCodes
{
    public const int Pass = 0;
    public const int Fail = 1;

    /// <summary>No verdict: bad arguments, unreadable input, or the report could not be written.</summary>
    public const int NoVerdict = 2;
}

/// <summary><c>resilience-report --runs artifacts/resilience/runs --out artifacts/resilience [--baseline old/report.json]</c></summary>
public static class ReportCommand
{
    private static readonly Option<DirectoryInfo> Runs = new("--runs")
    {
        Description = "Folder of run-record JSON files written by the suites (one per scenario).",
        Required = true,
    };

    private static readonly Option<DirectoryInfo> Out = new("--out")
    {
        Description = "Folder the report goes into, as <out>/<run-id>/.",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "resilience")),
    };

    private static readonly Option<FileInfo?> BaselineFile = new("--baseline")
    {
        Description = "An earlier report.json: regressions in p95, error rate, MTTR and breaking point are flagged.",
    };

    private static readonly Option<double> Tolerance = new("--tolerance")
    {
        Description = "How much worse than the baseline, in percent, a figure may get before it is a regression.",
        DefaultValueFactory = _ => new RegressionTolerance().Percent,
    };

    private static readonly Option<bool> AllowRegressions = new("--allow-regressions")
    {
        Description = "Report regressions without failing the verdict.",
    };

    private static readonly Option<string?> RunId = new("--run-id") { Description = "Name of the report folder (default: UTC timestamp)." };
    private static readonly Option<string?> Profile = new("--profile") { Description = "ci, nightly or signoff (default: the records' own)." };
    private static readonly Option<long?> Seed = new("--seed") { Description = "The run's seed (default: the records' seed when they share one)." };

    private static readonly Option<string> EnvironmentProvider = new("--environment")
    {
        Description = "Environment provider the suites ran on (default: RESILIENCE_ENV, else local).",
        DefaultValueFactory = _ => RunMetadataDefaults.EnvironmentProvider(),
    };

    private static readonly Option<string?> PostgresVersion = new("--postgres-version") { Description = "PostgreSQL version the suites ran against." };
    private static readonly Option<string?> RedisVersion = new("--redis-version") { Description = "Redis version the suites ran against." };
    private static readonly Option<string?> GitCommit = new("--git-commit") { Description = "Commit under test (default: the CI's variable, else git rev-parse HEAD)." };

    public static RootCommand Create()
    {
        var command = new RootCommand("Writes the sign-off report (JSON, Markdown, HTML, CSV timelines) of a resilience test run.")
        {
            Runs, Out, BaselineFile, Tolerance, AllowRegressions, RunId, Profile, Seed, EnvironmentProvider,
            PostgresVersion, RedisVersion, GitCommit,
        };
        Tolerance.Validators.Add(result =>
        {
            var percent = result.GetValueOrDefault<double>();
            if (!double.IsFinite(percent) || percent < 0)
            {
                result.AddError("--tolerance is a percentage of 0 or more.");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>Parses and runs; a parse error exits <see cref="ExitCodes.NoVerdict"/>, not the parser's default 1 (which means "fail").</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        var parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Parse errors quote what was typed, and that can be a connection string.
            var scrubber = EnvironmentSecrets.ScrubberForCurrentProcess();
            foreach (var parseError in parsed.Errors)
            {
                await configuration.Error.WriteLineAsync(scrubber.Scrub(parseError.Message));
            }

            await configuration.Error.WriteLineAsync("Run 'resilience-report --help' for usage.");
            return ExitCodes.NoVerdict;
        }

        return await parsed.InvokeAsync(configuration);
    }

    private static async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var error = parsed.InvocationConfiguration.Error;
        var scrubber = EnvironmentSecrets.ScrubberForCurrentProcess();
        try
        {
            var request = new ReportRequest(parsed.GetValue(Out)!.FullName)
            {
                Metadata = new RunMetadata
                {
                    RunId = parsed.GetValue(RunId),
                    Profile = parsed.GetValue(Profile),
                    Seed = parsed.GetValue(Seed),
                    EnvironmentProvider = parsed.GetValue(EnvironmentProvider)!,
                    PostgresVersion = parsed.GetValue(PostgresVersion),
                    RedisVersion = parsed.GetValue(RedisVersion),
                    HarnessVersion = RunMetadataDefaults.HarnessVersion(),
                    GitCommit = parsed.GetValue(GitCommit) ?? RunMetadataDefaults.GitCommit(),
                },
                BaselinePath = parsed.GetValue(BaselineFile)?.FullName,
                Tolerance = new RegressionTolerance { Percent = parsed.GetValue(Tolerance) },
                FailOnRegression = !parsed.GetValue(AllowRegressions),
                Scrubber = scrubber,
            };

            var written = await ReportGenerator.GenerateAsync(parsed.GetValue(Runs)!.FullName, request, cancellationToken);
            var report = written.Report;
            await output.WriteLineAsync($"Report: {written.HtmlPath}");
            await output.WriteLineAsync($"        {written.MarkdownPath}");
            await output.WriteLineAsync($"        {written.JsonPath}");
            await output.WriteLineAsync($"Verdict: {(report.Verdict == Verdict.Pass ? "PASS" : "FAIL")} ({Summary(report)})");
            return report.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        }
        catch (ReportInputException e)
        {
            await error.WriteLineAsync($"resilience-report: {scrubber.Scrub(e.Message)}");
            return ExitCodes.NoVerdict;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"resilience-report: the report could not be written: {scrubber.Scrub(e.Message)}");
            return ExitCodes.NoVerdict;
        }
        catch (UnauthorizedAccessException e)
        {
            await error.WriteLineAsync($"resilience-report: the report could not be written: {scrubber.Scrub(e.Message)}");
            return ExitCodes.NoVerdict;
        }
    }

    private static string Summary(SignoffReport report)
    {
        var text = $"{report.Summary.Passed} of {report.Summary.Scenarios} scenarios passed";
        if (report.Baseline is not null)
        {
            text += report.Summary.Regressions == 1 ? ", 1 regression" : $", {report.Summary.Regressions} regressions";
        }

        return text;
    }
}
