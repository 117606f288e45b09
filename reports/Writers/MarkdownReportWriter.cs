using System.Text;
using Resilience.Reports.Model;

namespace Resilience.Reports.Writers;

/// <summary>
/// report.md: the verdict at a glance, sized for a CI job summary ($GITHUB_STEP_SUMMARY): one table row per
/// scenario with the failing check named, regressed figures marked, then the regressions and failures in detail.
/// </summary>
internal static class MarkdownReportWriter
{
    /// <summary>The summary's file name in the report's folder.</summary>
    public const string FileName = "report.md";

    /// <summary>The mark beside a regressed figure and on the regressions heading.</summary>
    public const string RegressionMark = "⚠️";

    /// <summary>Writes report.md into <paramref name="directory"/>, replacing any file there.</summary>
    /// <param name="report">The report to render.</param>
    /// <param name="directory">The report's folder; it must exist.</param>
    /// <param name="cancellationToken">Stops writing the file.</param>
    /// <returns>The written file's path.</returns>
    public static async Task<string> WriteAsync(SignoffReport report, string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(path, Render(report), cancellationToken);
        return path;
    }

    /// <summary>The Markdown: verdict heading, headline, run line, verdict table, then regressions and failures when any.</summary>
    public static string Render(SignoffReport report)
    {
        var md = new StringBuilder();
        var pass = report.Verdict == Verdict.Pass;
        md.AppendLine($"## {(pass ? "✅" : "❌")} Resilience sign-off: {(pass ? "PASS" : "FAIL")}").AppendLine();
        md.AppendLine(Headline(report)).AppendLine();
        md.AppendLine(RunLine(report)).AppendLine();

        md.AppendLine("| Scenario | Suite | Verdict | Failing check | p95 | Error rate | MTTR |");
        md.AppendLine("|---|---|---|---|---:|---:|---:|");
        foreach (var s in ReportOrder.FailuresFirst(report.Scenarios))
        {
            md.AppendLine(string.Join(" | ", [
                "", Escape(s.Scenario), Escape(s.Suite), s.Verdict == Verdict.Pass ? "✅ pass" : "❌ fail", Escape(FailingCheck(s)),
                Flagged(s, RegressionMetrics.P95, ReportFigures.Milliseconds(s.Sla.Latency.P95Ms)),
                Flagged(s, RegressionMetrics.ErrorRate, ReportFigures.Percentage(s.Sla.ErrorRate)),
                Flagged(s, RegressionMetrics.Mttr, ReportFigures.Seconds(s.Recovery.MttrS)), "",
            ]).Trim());
        }

        AppendRegressions(md, report.Baseline);
        AppendFailures(md, report.Scenarios);
        return md.ToString();
    }

    /// <summary>
    /// The thresholds a failed scenario broke, with what was measured; the failure's first line if no check failed.
    /// A passed scenario with broken thresholds is a negative control, whose requirements had to fail: said so.
    /// </summary>
    public static string FailingCheck(ScenarioReport scenario)
    {
        var failed = scenario.Checks.Where(c => !c.Passed).Select(c => $"{c.Name} (measured {c.Actual})").ToList();
        if (failed.Count > 0)
        {
            var checks = string.Join("; ", failed);
            return scenario.Verdict == Verdict.Pass ? $"negative control, failed as required: {checks}" : checks;
        }

        return scenario.Verdict == Verdict.Fail ? FirstLine(scenario.Failure) ?? "run did not complete" : ReportFigures.Missing;
    }

    private static string Headline(SignoffReport report)
    {
        var line = $"**{report.Summary.Passed} of {report.Summary.Scenarios} scenarios passed**";
        if (report.Baseline is { } baseline)
        {
            line += report.Summary.Regressions == 0
                ? $" · no regression against baseline `{Code(baseline.BaselineRunId)}` (tolerance {ReportFigures.Number(baseline.TolerancePercent)} %)"
                : $" · {RegressionMark} **{report.Summary.Regressions} regression{(report.Summary.Regressions == 1 ? "" : "s")}** against baseline `{Code(baseline.BaselineRunId)}` (tolerance {ReportFigures.Number(baseline.TolerancePercent)} %)";
        }

        return line;
    }

    private static string RunLine(SignoffReport report)
    {
        var parts = new List<string>
        {
            $"run `{Code(report.RunId)}`",
            $"profile `{Code(report.Profile)}`",
            $"seed `{(report.Seed is { } seed ? seed.ToString(System.Globalization.CultureInfo.InvariantCulture) : "per scenario")}`",
            $"environment `{Code(report.Environment.Provider)}`",
            Escape(report.Versions.Dotnet),
            Escape(report.Versions.Os),
        };
        if (report.Versions.Postgres is { } pg) parts.Add($"PostgreSQL {Escape(pg)}");
        if (report.Versions.Redis is { } redis) parts.Add($"Redis {Escape(redis)}");
        if (report.Versions.GitCommit is { } commit) parts.Add($"commit `{Code(commit)}`");
        return string.Join(" · ", parts);
    }

    private static void AppendRegressions(StringBuilder md, BaselineComparison? baseline)
    {
        if (baseline is null || (baseline.Regressions.Count == 0 && baseline.MissingScenarios.Count == 0))
        {
            return;
        }

        md.AppendLine().AppendLine($"### {RegressionMark} Regressions against baseline `{Code(baseline.BaselineRunId)}`").AppendLine();
        if (baseline.Regressions.Count > 0)
        {
            md.AppendLine("| Scenario | Metric | Baseline | Now | Change |");
            md.AppendLine("|---|---|---:|---:|---:|");
            foreach (var r in baseline.Regressions)
            {
                md.AppendLine($"| {Escape(r.Scenario)} | {Escape(r.Metric)} | {ReportFigures.ForMetric(r.Metric, r.Baseline)} | {ReportFigures.ForMetric(r.Metric, r.Current)} | {(r.ChangePercent is { } c ? $"{(c >= 0 ? "+" : "")}{ReportFigures.Number(c)} %" : ReportFigures.Missing)} |");
            }
        }

        if (baseline.MissingScenarios.Count > 0)
        {
            md.AppendLine().AppendLine($"Not run this time (in the baseline): {string.Join(", ", baseline.MissingScenarios.Select(Escape))}");
        }
    }

    private static void AppendFailures(StringBuilder md, IReadOnlyList<ScenarioReport> scenarios)
    {
        var failed = scenarios.Where(s => s.Verdict == Verdict.Fail).ToList();
        if (failed.Count == 0)
        {
            return;
        }

        md.AppendLine().AppendLine("### Failures").AppendLine();
        foreach (var s in failed)
        {
            md.AppendLine($"- **{Escape(s.Scenario)}**: {Escape(FirstLine(s.Failure) ?? FailingCheck(s))}");
            if (s.ReplayCommand is { } replay)
            {
                md.AppendLine($"  replay: `{Code(replay)}`");
            }
        }
    }

    private static string Flagged(ScenarioReport scenario, string metric, string figure)
    {
        var regression = scenario.Regressions.FirstOrDefault(r => r.Metric == metric);
        if (regression is null)
        {
            return figure;
        }

        var change = regression.ChangePercent is { } c ? $" {(c >= 0 ? "+" : "")}{ReportFigures.Number(c)} %" : " (was " + ReportFigures.Number(regression.Baseline) + ")";
        return $"{figure} {RegressionMark}{change}";
    }

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.Trim().Split('\n')[0].TrimEnd('\r');
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    /// <summary>Table-safe text: no cell breaks (|, newlines), no HTML, no accidental emphasis or links.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            escaped.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' => "\\" + c,
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    // Inside a code span only a backtick or a line break would end it; a pipe still splits a table cell.
    private static string Code(string text) => text.ReplaceLineEndings(" ").Replace("`", "'").Replace("|", "\\|");
}
