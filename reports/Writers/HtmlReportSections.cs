using System.Globalization;
using System.Net;
using System.Text;
using Resilience.Reports.Model;

namespace Resilience.Reports.Writers;

/// <summary>
/// The page's text, rendered here and HTML-encoded, so the verdicts read even where scripts do not run;
/// report.js only adds the charts into each scenario's chart container.
/// </summary>
internal static class HtmlReportSections
{
    /// <summary>The report's scenarios in the page's order: <see cref="ReportOrder.FailuresFirst"/>.</summary>
    public static IReadOnlyList<ScenarioReport> Ordered(SignoffReport report) => ReportOrder.FailuresFirst(report.Scenarios).ToList();

    /// <summary>The HTML id of the section of the scenario at 0-based <paramref name="index"/> in the page's order, e.g. "scenario-0".</summary>
    public static string SectionId(int index) => $"scenario-{index}";

    /// <summary>The page header: the run's verdict badge, the pass count and baseline headline, and the run's details.</summary>
    public static string Header(SignoffReport report)
    {
        var pass = report.Verdict == Verdict.Pass;
        var html = new StringBuilder();
        html.Append($"<header class=\"verdict-{(pass ? "pass" : "fail")}\"><h1>Resilience sign-off: <span class=\"badge {(pass ? "pass" : "fail")}\">{(pass ? "PASS" : "FAIL")}</span></h1>");
        html.Append($"<p class=\"headline\">{report.Summary.Passed} of {report.Summary.Scenarios} scenarios passed");
        if (report.Baseline is { } baseline)
        {
            html.Append(report.Summary.Regressions == 0
                ? $" · no regression against baseline <code>{E(baseline.BaselineRunId)}</code>"
                : $" · <span class=\"regression\">{report.Summary.Regressions} regression{(report.Summary.Regressions == 1 ? "" : "s")}</span> against baseline <code>{E(baseline.BaselineRunId)}</code>");
            html.Append($" (tolerance {ReportFigures.Number(baseline.TolerancePercent)} %)");
        }

        html.Append("</p><dl class=\"run\">");
        Term(html, "Run", report.RunId);
        Term(html, "Generated", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Term(html, "Profile", report.Profile);
        Term(html, "Seed", report.Seed?.ToString(CultureInfo.InvariantCulture) ?? "per scenario");
        Term(html, "Environment", $"{report.Environment.Provider} ({report.Environment.ProcessorCount} cores, {report.Environment.OsArchitecture})");
        Term(html, ".NET", report.Versions.Dotnet);
        Term(html, "OS", report.Versions.Os);
        Term(html, "PostgreSQL", report.Versions.Postgres);
        Term(html, "Redis", report.Versions.Redis);
        Term(html, "Harness", report.Versions.Harness);
        Term(html, "Commit", report.Versions.GitCommit);
        return html.Append("</dl></header>").ToString();
    }

    /// <summary>The verdict table: one row per scenario, linked to its section, regressed figures marked "▲".</summary>
    public static string VerdictTable(SignoffReport report)
    {
        var html = new StringBuilder("<section><h2>Verdicts</h2><table class=\"verdicts\"><thead><tr>");
        foreach (var column in new[] { "Scenario", "Suite", "Verdict", "Failing check", "p95", "Error rate", "MTTR", "Time to detect", "Ledger" })
        {
            html.Append($"<th>{column}</th>");
        }

        html.Append("</tr></thead><tbody>");
        var scenarios = Ordered(report);
        for (var i = 0; i < scenarios.Count; i++)
        {
            var s = scenarios[i];
            html.Append($"<tr class=\"{VerdictClass(s.Verdict)}\"><td class=\"scenario\"><a href=\"#{SectionId(i)}\">{Breakable(s.Scenario)}</a></td><td>{E(s.Suite)}</td>");
            html.Append($"<td>{Badge(s.Verdict)}</td><td class=\"failing-check\">{E(MarkdownReportWriter.FailingCheck(s))}</td>");
            html.Append($"<td class=\"num\">{Flagged(s, RegressionMetrics.P95, ReportFigures.Milliseconds(s.Sla.Latency.P95Ms))}</td>");
            html.Append($"<td class=\"num\">{Flagged(s, RegressionMetrics.ErrorRate, ReportFigures.Percentage(s.Sla.ErrorRate))}</td>");
            html.Append($"<td class=\"num\">{Flagged(s, RegressionMetrics.Mttr, ReportFigures.Seconds(s.Recovery.MttrS))}</td>");
            html.Append($"<td class=\"num\">{E(ReportFigures.Seconds(s.Recovery.TimeToDetectS))}</td><td>{Ledger(s.Ledger)}</td></tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    /// <summary>The regressions table and the scenarios the baseline has and this run lacks; "" when there are none.</summary>
    public static string Regressions(SignoffReport report)
    {
        if (report.Baseline is not { } baseline || (baseline.Regressions.Count == 0 && baseline.MissingScenarios.Count == 0))
        {
            return "";
        }

        var html = new StringBuilder($"<section class=\"regressions\"><h2>Regressions against baseline <code>{E(baseline.BaselineRunId)}</code></h2>");
        if (baseline.Regressions.Count > 0)
        {
            html.Append("<table><thead><tr><th>Scenario</th><th>Metric</th><th>Baseline</th><th>Now</th><th>Change</th><th>What changed</th></tr></thead><tbody>");
            foreach (var r in baseline.Regressions)
            {
                html.Append($"<tr class=\"regression\"><td>{E(r.Scenario)}</td><td>{E(r.Metric)}</td><td class=\"num\">{E(ReportFigures.ForMetric(r.Metric, r.Baseline))}</td>");
                html.Append($"<td class=\"num\">{E(ReportFigures.ForMetric(r.Metric, r.Current))}</td>");
                html.Append($"<td class=\"num\">{(r.ChangePercent is { } c ? $"{(c >= 0 ? "+" : "")}{ReportFigures.Number(c)} %" : ReportFigures.Missing)}</td><td>{E(r.Description)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (baseline.MissingScenarios.Count > 0)
        {
            html.Append($"<p>Not run this time (in the baseline): {E(string.Join(", ", baseline.MissingScenarios))}</p>");
        }

        return html.Append("</section>").ToString();
    }

    /// <summary>
    /// A scenario's section: failure, replay command, figures, checks, regressions, the chart container
    /// report.js fills, and the link to its CSV timeline.
    /// </summary>
    /// <param name="s">The scenario.</param>
    /// <param name="index">Its 0-based place in the page's order; gives the section id and the chart container.</param>
    public static string Scenario(ScenarioReport s, int index)
    {
        var html = new StringBuilder($"<section class=\"scenario {VerdictClass(s.Verdict)}\" id=\"{SectionId(index)}\">");
        html.Append($"<h2>{Badge(s.Verdict)} {E(s.Scenario)} <small>{E(s.Suite)}</small></h2>");
        if (s.Failure is { } failure)
        {
            html.Append($"<pre class=\"failure\">{E(failure)}</pre>");
        }

        if (s.ReplayCommand is { } replay)
        {
            html.Append($"<p class=\"replay\">Replay: <code>{E(replay)}</code></p>");
        }

        html.Append("<div class=\"figures\"><dl>");
        Term(html, "Seed", s.Seed.ToString(CultureInfo.InvariantCulture));
        Term(html, "Duration", ReportFigures.Seconds(s.DurationS));
        Term(html, "Requests", s.Sla.Requests.ToString(CultureInfo.InvariantCulture));
        Term(html, "Throughput", $"{ReportFigures.Rate(s.Sla.ThroughputRps)} (peak {ReportFigures.Rate(s.Sla.PeakThroughputRps)})");
        Term(html, "Error rate", ReportFigures.Percentage(s.Sla.ErrorRate));
        Term(html, "Degraded", s.Sla.Degraded.ToString(CultureInfo.InvariantCulture));
        Term(html, "Latency p50 / p95 / p99 / max",
            $"{ReportFigures.Milliseconds(s.Sla.Latency.P50Ms)} / {ReportFigures.Milliseconds(s.Sla.Latency.P95Ms)} / {ReportFigures.Milliseconds(s.Sla.Latency.P99Ms)} / {ReportFigures.Milliseconds(s.Sla.Latency.MaxMs)}");
        Term(html, "MTTR", ReportFigures.Seconds(s.Recovery.MttrS));
        Term(html, "Time to detect", ReportFigures.Seconds(s.Recovery.TimeToDetectS));
        Term(html, "Time to degrade", ReportFigures.Seconds(s.Recovery.TimeToDegradeS));
        Term(html, "Breaking point", s.BreakingPointRps is null ? null : ReportFigures.Rate(s.BreakingPointRps));
        html.Append($"<dt>Ledger</dt><dd>{Ledger(s.Ledger)}</dd></dl>");

        html.Append("<table class=\"checks\"><thead><tr><th></th><th>Check</th><th>Expected</th><th>Measured</th></tr></thead><tbody>");
        foreach (var check in s.Checks)
        {
            html.Append($"<tr class=\"{(check.Passed ? "pass" : "fail")}\"><td>{(check.Passed ? "✔" : "✘")}</td><td>{E(check.Name)}</td><td>{E(check.Expected)}</td><td>{E(check.Actual)}</td></tr>");
        }

        html.Append("</tbody></table></div>");
        foreach (var r in s.Regressions)
        {
            html.Append($"<p class=\"regression\">Regression: {E(r.Description)}</p>");
        }

        if (s.Faults.Count > 0)
        {
            html.Append("<p class=\"chart-note\">Shaded: fault windows (a dashed line marks an instant fault). Hover a chart for the figures of a second; click a legend entry to hide its series.</p>");
        }

        html.Append($"<div class=\"charts\" data-charts-for=\"{index}\"><noscript>The charts need JavaScript.</noscript></div>");
        html.Append($"<p class=\"csv\">Timeline: <a href=\"{E(s.TimelineCsv)}\">{E(s.TimelineCsv)}</a></p>");
        return html.Append("</section>").ToString();
    }

    private static string Flagged(ScenarioReport scenario, string metric, string figure)
    {
        var regression = scenario.Regressions.FirstOrDefault(r => r.Metric == metric);
        return regression is null
            ? E(figure)
            : $"<span class=\"regression\" title=\"{E(regression.Description)}\">{E(figure)} ▲</span>";
    }

    private static string Ledger(LedgerResult ledger) => ledger.Status switch
    {
        LedgerStatus.Passed => "<span class=\"pass\">no lost writes</span>",
        LedgerStatus.Failed => $"<span class=\"fail\">{E(ledger.Detail ?? "failed")}</span>",
        _ => ReportFigures.Missing,
    };

    private static string Badge(Verdict verdict) =>
        verdict == Verdict.Pass ? "<span class=\"badge pass\">pass</span>" : "<span class=\"badge fail\">fail</span>";

    private static string VerdictClass(Verdict verdict) => verdict == Verdict.Pass ? "pass" : "fail";

    private static void Term(StringBuilder html, string term, string? value)
    {
        if (value is not null)
        {
            html.Append($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A test name as it is (so it can be copied into a filter), with places to wrap after its separators.</summary>
    private static string Breakable(string name) => E(name).Replace("_", "_<wbr>").Replace(".", ".<wbr>");
}
