using Resilience.Reports.Model;

namespace Resilience.Tests.Harness.Reports;

public sealed class BaselineComparisonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Worse_p95_error_rate_mttr_and_breaking_point_are_flagged_as_regressions()
    {
        var baseline = await ReportGeneration.GenerateAsync(_folder,
            [SampleRuns.PostgresLatencyRun(p95Ms: 6, mttrS: 2), SampleRuns.RedisDownRun(mttrS: 3), SampleRuns.StressRun(breakingPointRps: 1500)],
            runId: "baseline");
        var worse = await ReportGeneration.GenerateAsync(_folder,
            [SampleRuns.PostgresLatencyRun(p95Ms: 9.5, mttrS: 2), SampleRuns.RedisDownRun(mttrS: 6), SampleRuns.StressRun(breakingPointRps: 1180)],
            runId: "worse", baselinePath: baseline.JsonPath);

        var regressions = worse.Report.Baseline!.Regressions;
        regressions.Select(r => (r.Scenario, r.Metric)).Should().BeEquivalentTo(new[]
        {
            (SampleRuns.PostgresLatency, RegressionMetrics.P95),
            (SampleRuns.RedisDown, RegressionMetrics.Mttr),
            (SampleRuns.Stress, RegressionMetrics.BreakingPoint),
            (SampleRuns.Stress, RegressionMetrics.ErrorRate), // past 1180 req/s the stress run errs, past 1500 it did not
        });
        regressions.Single(r => r.Metric == RegressionMetrics.Mttr).ChangePercent.Should().Be(100);
        regressions.Single(r => r.Metric == RegressionMetrics.BreakingPoint).Description
            .Should().Be("breaking point fell from 1500 req/s to 1180 req/s (-21.3 %), tolerance 10 %");
        worse.Report.Summary.Regressions.Should().Be(4);
        worse.Report.Baseline.BaselineRunId.Should().Be("baseline");
    }

    [Fact]
    public async Task Regressions_show_in_markdown_html_and_json()
    {
        var baseline = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.PostgresLatencyRun(p95Ms: 6)], runId: "baseline");
        var worse = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.PostgresLatencyRun(p95Ms: 9.5)], runId: "worse", baselinePath: baseline.JsonPath);

        worse.Report.Verdict.Should().Be(Verdict.Fail, "a regression beyond the tolerance fails the gate although every scenario passed");
        File.ReadAllText(worse.JsonPath).Should().Contain("\"metric\": \"p95_ms\"");
        var markdown = File.ReadAllText(worse.MarkdownPath);
        markdown.Should().Contain("⚠️ **1 regression** against baseline `baseline` (tolerance 10 %)");
        markdown.Should().Contain(@"| Chaos.Postgres\_latency\_serves\_stale\_reads | Chaos | ✅ pass | — | 9.5 ms ⚠️ +58.3 % | 0.25 % | 2 s |");
        markdown.Should().Contain(@"| Chaos.Postgres\_latency\_serves\_stale\_reads | p95\_ms | 6 ms | 9.5 ms | +58.3 % |");
        var html = File.ReadAllText(worse.HtmlPath);
        html.Should().Contain("<span class=\"regression\">1 regression</span> against baseline <code>baseline</code>");
        html.Should().Contain("p95 rose from 6 ms to 9.5 ms (+58.3 %), tolerance 10 %");
    }

    [Fact]
    public async Task Changes_within_the_tolerance_are_not_regressions_and_the_tolerance_is_configurable()
    {
        var baseline = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.PostgresLatencyRun(p95Ms: 30)], runId: "baseline");

        var within = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.PostgresLatencyRun(p95Ms: 32.5)], runId: "within", baselinePath: baseline.JsonPath);
        var stricter = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.PostgresLatencyRun(p95Ms: 32.5)], runId: "stricter",
            baselinePath: baseline.JsonPath, tolerancePercent: 5);

        within.Report.Baseline!.Regressions.Should().BeEmpty("32.5 ms is 8.3 % above 30 ms, inside 10 %");
        within.Report.Verdict.Should().Be(Verdict.Pass);
        stricter.Report.Baseline!.Regressions.Should().ContainSingle().Which.Metric.Should().Be(RegressionMetrics.P95);
    }

    [Fact]
    public async Task A_scenario_that_no_longer_recovers_is_a_regression_and_a_dropped_scenario_is_listed()
    {
        var baseline = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.RedisDownRun(mttrS: 3), SampleRuns.StressRun()], runId: "baseline");
        var now = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.RedisDownRun(mttrS: null)], runId: "now", baselinePath: baseline.JsonPath);

        var regression = now.Report.Baseline!.Regressions.Should().ContainSingle().Subject;
        regression.Metric.Should().Be(RegressionMetrics.Mttr);
        regression.Current.Should().BeNull();
        now.Report.Baseline.MissingScenarios.Should().Equal(SampleRuns.Stress);
    }
}
