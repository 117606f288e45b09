using Resilience.Reports.Cli;

namespace Resilience.Tests.Harness.Reports;

public sealed class ReportCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_failing_scenario_prints_the_report_path_and_FAIL_and_exits_1()
    {
        await SampleRuns.WriteAsync(SampleRuns.All(), _folder.Runs);

        var (exitCode, output, error) = await RunAsync("--runs", _folder.Runs, "--out", _folder.Out, "--run-id", "cli", "--git-commit", "abc123");

        exitCode.Should().Be(ExitCodes.Fail, error);
        var html = Path.Combine(_folder.Out, "cli", "report.html");
        output.Should().Contain($"Report: {html}").And.Contain("Verdict: FAIL (2 of 3 scenarios passed)");
        File.Exists(html).Should().BeTrue();
        File.Exists(Path.Combine(_folder.Out, "cli", "timelines", "Chaos.Redis_down_bypasses_cache.csv")).Should().BeTrue();
    }

    [Fact]
    public async Task Passing_scenarios_print_PASS_and_exit_0()
    {
        await SampleRuns.WriteAsync([SampleRuns.PostgresLatencyRun(), SampleRuns.StressRun()], _folder.Runs);

        var (exitCode, output, error) = await RunAsync("--runs", _folder.Runs, "--out", _folder.Out, "--profile", "nightly", "--seed", "7");

        exitCode.Should().Be(ExitCodes.Pass, error);
        output.Should().Contain("Verdict: PASS (2 of 2 scenarios passed)");
        var json = Directory.GetFiles(_folder.Out, "report.json", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        File.ReadAllText(json).Should().Contain("\"profile\": \"nightly\"").And.Contain("\"seed\": 7");
    }

    [Fact]
    public async Task A_regression_against_the_baseline_fails_unless_regressions_are_allowed()
    {
        await SampleRuns.WriteAsync([SampleRuns.PostgresLatencyRun(p95Ms: 5)], Path.Combine(_folder.Path, "before"));
        await SampleRuns.WriteAsync([SampleRuns.PostgresLatencyRun(p95Ms: 20)], _folder.Runs);
        (await RunAsync("--runs", Path.Combine(_folder.Path, "before"), "--out", _folder.Out, "--run-id", "before")).ExitCode.Should().Be(ExitCodes.Pass);
        var baseline = Path.Combine(_folder.Out, "before", "report.json");

        var gate = await RunAsync("--runs", _folder.Runs, "--out", _folder.Out, "--run-id", "gate", "--baseline", baseline);
        var allowed = await RunAsync("--runs", _folder.Runs, "--out", _folder.Out, "--run-id", "allowed", "--baseline", baseline, "--allow-regressions");

        gate.ExitCode.Should().Be(ExitCodes.Fail);
        gate.Output.Should().Contain("Verdict: FAIL (1 of 1 scenarios passed, 1 regression)");
        allowed.ExitCode.Should().Be(ExitCodes.Pass);
        allowed.Output.Should().Contain("Verdict: PASS (1 of 1 scenarios passed, 1 regression)");
    }

    [Theory]
    [InlineData("missing-folder")]
    [InlineData("empty-folder")]
    [InlineData("not-a-record")]
    [InlineData("unknown-option")]
    [InlineData("negative-tolerance")]
    [InlineData("missing-baseline")]
    public async Task Bad_input_exits_2_with_a_message(string badInput)
    {
        Directory.CreateDirectory(_folder.Runs);
        string[] args = badInput switch
        {
            "missing-folder" => ["--runs", Path.Combine(_folder.Path, "nowhere"), "--out", _folder.Out],
            "empty-folder" => ["--runs", _folder.Runs, "--out", _folder.Out],
            "not-a-record" => Write("broken.json", "{\"scenario\": \"x\", \"timeline\": ["),
            "unknown-option" => ["--runs", _folder.Runs, "--colour", "blue"],
            "negative-tolerance" => ["--runs", _folder.Runs, "--tolerance", "-5"],
            _ => [.. Write("ok.json", Resilience.Load.Records.RunRecordJson.Serialize(SampleRuns.StressRun())), "--baseline", Path.Combine(_folder.Path, "no-report.json")],
        };

        var (exitCode, output, error) = await RunAsync(args);

        exitCode.Should().Be(ExitCodes.NoVerdict, output);
        error.Should().NotBeNullOrWhiteSpace();
        output.Should().NotContain("Verdict:");
    }

    [Fact]
    public async Task A_record_with_a_missing_field_is_bad_input_naming_the_file()
    {
        Directory.CreateDirectory(_folder.Runs);
        var json = System.Text.Json.Nodes.JsonNode.Parse(Resilience.Load.Records.RunRecordJson.Serialize(SampleRuns.StressRun()))!.AsObject();
        json.Remove("timeline");
        File.WriteAllText(Path.Combine(_folder.Runs, "no-timeline.json"), json.ToJsonString());

        var (exitCode, _, error) = await RunAsync("--runs", _folder.Runs, "--out", _folder.Out);

        exitCode.Should().Be(ExitCodes.NoVerdict);
        error.Should().Contain("no-timeline.json").And.Contain("timeline");
    }

    private string[] Write(string name, string content)
    {
        File.WriteAllText(Path.Combine(_folder.Runs, name), content);
        return ["--runs", _folder.Runs, "--out", _folder.Out];
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ReportCommand.InvokeAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
