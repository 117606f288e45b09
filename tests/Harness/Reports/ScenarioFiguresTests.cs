using Resilience.Load.Records;
using Resilience.Reports.Building;
using Resilience.Reports.Model;

namespace Resilience.Tests.Harness.Reports;

public sealed class ScenarioFiguresTests
{
    [Fact]
    public void Breaker_entries_become_state_spans_that_end_at_the_next_entry_or_the_run_end()
    {
        var scenario = ScenarioReportBuilder.Build(SampleRuns.PostgresLatencyRun(), "timelines/x.csv");

        scenario.BreakerStates.Should().Equal(
            new BreakerSpan("postgres", "Closed", 0, 11.4),
            new BreakerSpan("postgres", "Open", 11.4, 26.0),
            new BreakerSpan("postgres", "HalfOpen", 26.0, 26.6),
            new BreakerSpan("postgres", "Closed", 26.6, 40));
    }

    [Fact]
    public void Fault_windows_and_other_marks_are_placed_on_the_scenario_clock()
    {
        var scenario = ScenarioReportBuilder.Build(SampleRuns.RedisDownRun(), "timelines/x.csv");

        scenario.Faults.Should().Equal(
            new TimelineWindow("fault", "redis proxy disabled", "redis", 8, 20),
            new TimelineWindow("fault", "redis FLUSHALL", "redis", 22, null));
        ScenarioReportBuilder.Build(SampleRuns.PostgresLatencyRun(), "timelines/x.csv").Marks
            .Should().Equal(new TimelineWindow("phase", "warm-up", null, 0, 5));
    }

    [Fact]
    public void Recovery_figures_come_from_the_measures_and_the_error_rate_from_the_timeline()
    {
        var scenario = ScenarioReportBuilder.Build(SampleRuns.RedisDownRun(), "timelines/x.csv");

        scenario.Recovery.Should().Be(new RecoveryFigures(MttrS: 4.5, TimeToDetectS: 1.0, TimeToDegradeS: 0.6));
        scenario.Sla.Requests.Should().Be(6000);
        scenario.Sla.Errors.Should().Be(60 + 11 * 2);
        scenario.Sla.ErrorRate.Should().BeApproximately(82.0 / 6000, 1e-12);
        scenario.Sla.PeakThroughputRps.Should().Be(200);
    }

    [Fact]
    public void An_error_rate_measured_by_the_suite_wins_over_the_derived_one_and_non_numbers_become_null()
    {
        var run = SampleRuns.PostgresLatencyRun() with
        {
            Measures = new Dictionary<string, double?> { ["error_rate"] = 0.0004, ["mttr_s"] = double.NaN },
        };

        var scenario = ScenarioReportBuilder.Build(run, "timelines/x.csv");

        scenario.Sla.ErrorRate.Should().Be(0.0004);
        scenario.Recovery.MttrS.Should().BeNull();
        scenario.Measures["mttr_s"].Should().BeNull();
    }

    [Theory]
    [InlineData("no lost writes", true)]
    [InlineData("write ledger: every 201 present exactly once", true)]
    [InlineData("No duplicate writes", true)]
    [InlineData("p(95) < 200ms", false)]
    public void Ledger_checks_are_known_by_name(string name, bool isLedger) =>
        LedgerChecks.IsLedgerCheck(new CheckResult(name, true, "", "")).Should().Be(isLedger);

    [Fact]
    public void A_run_without_a_ledger_check_reports_the_ledger_as_not_checked() =>
        ScenarioReportBuilder.Build(SampleRuns.StressRun(), "timelines/x.csv").Ledger
            .Should().Be(new LedgerResult(LedgerStatus.NotChecked, null));

    [Fact]
    public void Timeline_file_names_are_safe_and_unique()
    {
        var run = SampleRuns.StressRun();
        var names = TimelineFileNames.Assign([run, run, run with { Suite = "Sla", Scenario = "../../etc/passwd <x>" }]);

        names.Should().Equal("timelines/Sla.Stress_finds_breaking_point.csv", "timelines/Sla.Stress_finds_breaking_point-2.csv",
            "timelines/Sla..._.._etc_passwd__x_.csv");
    }
}
