namespace Resilience.Tests.Harness.Reports;

public sealed class MarkdownReportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_verdict_table_has_one_row_per_scenario_with_the_failing_check_named()
    {
        var output = await ReportGeneration.GenerateAsync(_folder);
        var lines = File.ReadAllLines(output.MarkdownPath);

        lines[0].Should().Be("## ❌ Resilience sign-off: FAIL");
        lines.Should().Contain("**2 of 3 scenarios passed**");
        lines.Should().Contain(line => line.Contains("profile `ci`") && line.Contains("seed `4242`") && line.Contains("PostgreSQL 15.14") && line.Contains("commit `0123456789abcdef"));

        var header = Array.IndexOf(lines, "| Scenario | Suite | Verdict | Failing check | p95 | Error rate | MTTR |");
        header.Should().BePositive();
        var rows = lines.Skip(header + 2).TakeWhile(line => line.StartsWith('|')).ToList();
        rows.Should().Equal(
            @"| Chaos.Redis\_down\_bypasses\_cache | Chaos | ❌ fail | p(95) &lt; 200ms (measured 350 ms); no lost writes (measured 2 acknowledged writes missing: key-17, key-93) | 350 ms | 1.37 % | 4.5 s |",
            @"| Chaos.Postgres\_latency\_serves\_stale\_reads | Chaos | ✅ pass | — | 9.5 ms | 0.25 % | 2 s |",
            @"| Sla.Stress\_finds\_breaking\_point | Sla | ✅ pass | — | 190 ms | 1.57 % | — |");
    }

    [Fact]
    public async Task Failures_are_listed_with_their_message_and_replay_command()
    {
        var output = await ReportGeneration.GenerateAsync(_folder);
        var markdown = File.ReadAllText(output.MarkdownPath);

        markdown.Should().Contain("### Failures");
        markdown.Should().Contain(@"- **Chaos.Redis\_down\_bypasses\_cache**: Expected p(95) &lt; 200ms, but it was 350 ms.");
        markdown.Should().Contain("  replay: `RESILIENCE_SEED=4242 dotnet test --project tests/Chaos -- --filter-method '*Chaos.Redis_down_bypasses_cache'`");
    }

    [Fact]
    public async Task A_passing_run_says_so_and_lists_no_failures()
    {
        var output = await ReportGeneration.GenerateAsync(_folder, [SampleRuns.PostgresLatencyRun(), SampleRuns.StressRun()]);
        var markdown = File.ReadAllText(output.MarkdownPath);

        markdown.Should().StartWith("## ✅ Resilience sign-off: PASS");
        markdown.Should().Contain("**2 of 2 scenarios passed**").And.NotContain("### Failures");
    }

    [Fact]
    public async Task A_passed_negative_control_names_the_checks_that_failed_as_required()
    {
        var control = SampleRuns.PostgresLatencyRun() with
        {
            Checks = [new("success ratio during postgres down, step 'read'", false, ">= 99.00 %", "11.30 % of 823")],
        };

        var output = await ReportGeneration.GenerateAsync(_folder, [control]);
        var row = File.ReadAllLines(output.MarkdownPath).Single(line => line.StartsWith(@"| Chaos.Postgres\_latency"));

        row.Should().Contain("✅ pass | negative control, failed as required: success ratio during postgres down, step 'read' (measured 11.30 % of 823)");
    }

    [Fact]
    public async Task Text_from_records_cannot_break_the_table_or_inject_html()
    {
        var hostile = SampleRuns.RedisDownRun() with
        {
            Checks = [new("p95 | <img src=x onerror=alert(1)>\nsecond line", false, "x", "y")],
        };

        var output = await ReportGeneration.GenerateAsync(_folder, [hostile]);
        var row = File.ReadAllLines(output.MarkdownPath).Single(line => line.StartsWith(@"| Chaos.Redis\_down"));

        row.Should().Contain(@"p95 \| &lt;img src=x onerror=alert(1)&gt; second line (measured y)");
        row.Split(" | ").Should().HaveCount(7, "a pipe in a check name must not add a cell");
    }
}
