using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Ledger;
using Resilience.Fixtures.Measures;
using Resilience.Load.Records;

namespace Resilience.Tests.Harness.Measures;

public sealed class ExperimentAssertionsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly string artifacts = Directory.CreateTempSubdirectory("resilience-assertions-").FullName;

    public ExperimentAssertionsTests() => System.Environment.SetEnvironmentVariable(ArtifactStore.ArtifactsVariable, artifacts);

    public void Dispose()
    {
        System.Environment.SetEnvironmentVariable(ArtifactStore.ArtifactsVariable, null);
        Directory.Delete(artifacts, recursive: true);
    }

    [Fact]
    public async Task A_passing_run_is_recorded_as_passed_with_its_checks()
    {
        var run = Run(p95Ms: 40);

        await run.JudgeAsync(r => r.Should().MeetSla());

        var record = await RunRecordJson.ReadAsync(RecordPath(run), TestContext.Current.CancellationToken);
        record.Passed.Should().BeTrue();
        record.Checks.Should().Contain(c => c.Name.StartsWith("p(95)") && c.Passed);
        record.Seed.Should().Be(run.Seed);
    }

    [Fact]
    public async Task A_failing_run_names_every_broken_requirement_and_the_replay_command()
    {
        var run = Run(p95Ms: 450, breakerStates: ["Closed", "Open"]);

        var judging = () => run.JudgeAsync(r =>
        {
            r.Should().MeetSla();
            r.Breaker("postgres").Should().HaveTransitioned("Closed", "Open", "HalfOpen", "Closed");
        });

        var failure = (await judging.Should().ThrowAsync<ExperimentFailedException>()).Which.Message;
        failure.Should().Contain("p(95)").And.Contain("Closed -> Open -> HalfOpen -> Closed")
            .And.Contain($"Replay: RESILIENCE_SEED={run.Seed}");
        var record = await RunRecordJson.ReadAsync(RecordPath(run), TestContext.Current.CancellationToken);
        record.Passed.Should().BeFalse();
        record.Failure.Should().Contain("p(95)");
    }

    [Fact]
    public async Task Breaker_transitions_may_have_other_states_between_the_required_ones()
    {
        var run = Run(p95Ms: 40, breakerStates: ["Closed", "Open", "HalfOpen", "Open", "HalfOpen", "Closed"]);

        await run.JudgeAsync(r => r.Breaker("postgres").Should().HaveTransitioned("Closed", "Open", "HalfOpen", "Closed").And.EndIn("Closed"));
    }

    [Fact]
    public async Task Lost_and_duplicated_writes_are_listed_by_key()
    {
        var run = Run(p95Ms: 40, ledger: new LedgerVerdict(10, 8, ["key-7"], new Dictionary<string, long> { ["key-3"] = 2 }));

        var judging = () => run.JudgeAsync(r => r.Ledger.Should().HaveNoLostWrites());

        (await judging.Should().ThrowAsync<ExperimentFailedException>()).Which.Message
            .Should().Contain("key-7").And.Contain("key-3 x2");
    }

    [Fact]
    public async Task A_negative_control_passes_only_when_the_requirements_fail()
    {
        var fragile = Run(p95Ms: 900);
        await fragile.JudgeAsNegativeControlAsync(r => r.Should().MeetSla());

        var resilient = Run(p95Ms: 40);
        var judging = () => resilient.JudgeAsNegativeControlAsync(r => r.Should().MeetSla());
        await judging.Should().ThrowAsync<ExperimentFailedException>().WithMessage("*cannot tell*");
    }

    [Fact]
    public async Task A_requirement_that_crashes_fails_a_negative_control_with_its_stack_instead_of_proving_it()
    {
        static void Crashing(ExperimentRun run) => throw new NullReferenceException("bug in a requirement");

        var negativeControl = () => Run(p95Ms: 900).JudgeAsNegativeControlAsync(Crashing);
        var judged = () => Run(p95Ms: 40).JudgeAsync(Crashing);

        (await negativeControl.Should().ThrowExactlyAsync<NullReferenceException>()).Which.StackTrace.Should().Contain(nameof(Crashing));
        await judged.Should().ThrowExactlyAsync<NullReferenceException>();
    }

    [Fact]
    public void Only_a_failed_check_counts_as_an_assertion_failure()
    {
        var failedCheck = Record.Exception(() => 900.Should().BeLessThan(200));

        ExperimentJudgement.IsAssertionFailure(failedCheck!).Should().BeTrue(failedCheck!.GetType().FullName);
        ExperimentJudgement.IsAssertionFailure(new InvalidOperationException()).Should().BeFalse();
        ExperimentJudgement.IsAssertionFailure(new TimeoutException()).Should().BeFalse();
    }

    [Fact]
    public async Task A_negative_control_must_fail_for_the_named_reason_not_just_any()
    {
        var fragile = Run(p95Ms: 900, breakerStates: ["Closed"]);

        await fragile.JudgeAsNegativeControlAsync(r => r.Should().MeetSla(), mustFail: "p(95)");
        var failsTheNamedCheck = () => Run(p95Ms: 900).JudgeAsNegativeControlAsync(r =>
        {
            r.Should().MeetSla();
            r.Breaker("postgres").Should().HaveTransitioned("Closed", "Open");
        }, mustFail: "breaker 'postgres' goes");
        var failsOnlyAnother = () => Run(p95Ms: 900, breakerStates: ["Closed", "Open"]).JudgeAsNegativeControlAsync(r =>
        {
            r.Should().MeetSla();
            r.Breaker("postgres").Should().HaveTransitioned("Closed", "Open");
        }, mustFail: "breaker 'postgres' goes");

        await failsTheNamedCheck();
        (await failsOnlyAnother.Should().ThrowAsync<ExperimentFailedException>()).Which.Message
            .Should().Contain("'breaker 'postgres' goes' fails").And.Contain("p(95)");
    }

    [Fact]
    public void Success_ratio_during_a_fault_counts_only_requests_completed_inside_it()
    {
        var fault = new FaultWindow("postgres down", "postgres", Start.AddSeconds(10), Start.AddSeconds(20));
        var outcomes = new[]
        {
            Outcome(RequestOutcome.Failed, 5), Outcome(RequestOutcome.Ok, 11), Outcome(RequestOutcome.Degraded, 12),
            Outcome(RequestOutcome.Shed, 13), Outcome(RequestOutcome.Degraded, 19.9), Outcome(RequestOutcome.Failed, 20),
        };
        var run = Run(p95Ms: 40, outcomes: outcomes, faults: [fault]);

        var during = run.During(fault);

        during.Requests.Should().Be(4);
        during.SuccessRatio.Should().Be(0.75);
        during.DegradedRatio.Should().Be(0.5);
    }

    [Fact]
    public async Task Once_detected_reads_are_judged_from_the_breaker_opening_to_the_end_of_the_fault()
    {
        var fault = new FaultWindow("postgres down", "postgres", Start, Start.AddSeconds(10));
        OutcomeLog.Entry[] outcomes =
        [
            .. Enumerable.Range(0, 5).Select(i => Outcome(RequestOutcome.Degraded, 1.2 + i * 0.1, serviceMs: 900)), // already waiting when it opened
            .. Enumerable.Range(0, 40).Select(i => Outcome(RequestOutcome.Degraded, 2 + i * 0.2, serviceMs: 4)),
        ];
        var run = Run(p95Ms: 40, breakerStates: ["Closed", "Open"], outcomes: outcomes, faults: [fault]);

        var window = run.OnceDetected("postgres", TimeSpan.FromSeconds(5));

        window.Start.Should().Be(Start.AddSeconds(1), "the breaker opened one second into the fault");
        window.Requests.Should().Be(40, "requests already waiting when it opened are the budget's to bound, not the breaker's");
        await run.JudgeAsync(r => r.OnceDetected("postgres", TimeSpan.FromSeconds(5)).Should().AnswerWithin(TimeSpan.FromMilliseconds(200), 0.95));
    }

    [Fact]
    public async Task A_breaker_that_never_opens_is_judged_from_the_detection_bound_and_slow_answers_fail()
    {
        var fault = new FaultWindow("postgres down", "postgres", Start, Start.AddSeconds(10));
        var outcomes = Enumerable.Range(0, 50).Select(i => Outcome(RequestOutcome.Degraded, i * 0.2, serviceMs: 900)).ToArray();
        var run = Run(p95Ms: 40, outcomes: outcomes, faults: [fault]);

        run.OnceDetected("postgres", TimeSpan.FromSeconds(5)).Start.Should().Be(Start.AddSeconds(5));
        var judging = () => run.JudgeAsync(r => r.OnceDetected("postgres", TimeSpan.FromSeconds(5)).Should().AnswerWithin(TimeSpan.FromMilliseconds(200), 0.95));

        (await judging.Should().ThrowAsync<ExperimentFailedException>()).Which.Message.Should().Contain("p95").And.Contain("900ms");
    }

    [Fact]
    public async Task A_breaker_that_opens_during_an_overload_fails_stay_closed_and_one_that_opened_before_it_does_not()
    {
        var overload = new FaultWindow("postgres latency 200ms", "postgres", Start.AddSeconds(0.5), Start.AddSeconds(5));
        var tripped = Run(p95Ms: 40, breakerStates: ["Closed", "Open"], faults: [overload]);
        var before = Run(p95Ms: 40, breakerStates: ["Closed", "Open"], faults: [overload with { Start = Start.AddSeconds(1.5) }]);

        var judging = () => tripped.JudgeAsync(r => r.Breaker("postgres").Should().StayClosedDuring(overload));

        (await judging.Should().ThrowAsync<ExperimentFailedException>()).Which.Message.Should().Contain("opened 0.50s into it");
        await before.JudgeAsync(r => r.Breaker("postgres").Should().StayClosedDuring(r.Fault));
    }

    [Fact]
    public async Task Stress_records_the_breaking_point_and_fails_when_it_is_below_the_required_rate()
    {
        double[] rates = [50, 100, 200]; // 100 completed every second: the 200/s step is not sustained
        var held = Run(p95Ms: 40);
        var belowRequired = Run(p95Ms: 40);

        await held.JudgeAsync(r => r.Should().BreakNoEarlierThan(100, rates, TimeSpan.FromSeconds(3)));
        var judging = () => belowRequired.JudgeAsync(r => r.Should().BreakNoEarlierThan(150, rates, TimeSpan.FromSeconds(3)));

        held.Measures["breaking_point_rps"].Should().Be(100);
        (await judging.Should().ThrowAsync<ExperimentFailedException>()).Which.Message.Should().Contain("held up to 100/s");
    }

    [Fact]
    public void Service_time_percentiles_use_the_nearest_rank()
    {
        var fault = new FaultWindow("postgres down", "postgres", Start, Start.AddSeconds(10));
        var outcomes = Enumerable.Range(1, 20).Select(i => Outcome(RequestOutcome.Ok, i * 0.1, serviceMs: i)).ToArray();
        var during = Run(p95Ms: 40, outcomes: outcomes, faults: [fault]).During(fault);

        during.ServiceTimePercentile(0.95).Should().Be(TimeSpan.FromMilliseconds(19));
        during.ServiceTimePercentile(1).Should().Be(TimeSpan.FromMilliseconds(20));
        during.ServiceTimePercentile(0.5).Should().Be(TimeSpan.FromMilliseconds(10));
    }

    private static OutcomeLog.Entry Outcome(RequestOutcome outcome, double atSecond, double serviceMs = 5) =>
        new("read", outcome, Start.AddSeconds(atSecond), TimeSpan.FromMilliseconds(serviceMs));

    private string RecordPath(ExperimentRun run) => Path.Combine(ArtifactStore.RunsDirectory, run.Scenario + ".json");

    private static ExperimentRun Run(
        double p95Ms,
        string[]? breakerStates = null,
        LedgerVerdict? ledger = null,
        OutcomeLog.Entry[]? outcomes = null,
        FaultWindow[]? faults = null)
    {
        var seed = Random.Shared.Next(1, 1_000_000);
        var states = breakerStates ?? [];
        var timeline = Enumerable.Range(0, 10).Select(s => new TimelineSecond(
            s, Start.AddSeconds(s), 100, 100, 100, 100, 0, 0, new Dictionary<string, long>(), 0, 0, 5, p95Ms, p95Ms, p95Ms)).ToList();
        return new ExperimentRun
        {
            BreakerSource = "transitions given by the test",
            Scenario = $"Harness.Assertions_{seed}",
            Suite = "Harness",
            Seed = seed,
            Profile = ExperimentProfile.Ci,
            Sla = Sla.Default,
            RequestBudget = TimeSpan.FromSeconds(2),
            StartedAt = Start,
            EndedAt = Start.AddSeconds(30),
            Timeline = timeline,
            Latency = new LatencySummary(1000, 1, 5, 5, p95Ms, p95Ms, p95Ms, p95Ms, p95Ms),
            ServiceTime = new LatencySummary(1000, 1, 5, 5, p95Ms, p95Ms, p95Ms, p95Ms, p95Ms),
            Faults = faults ?? [],
            BreakerTransitions = states.Zip(states.Skip(1), (from, to) => (from, to))
                .Select((t, i) => new BreakerTransition("postgres", t.from, t.to, Start.AddSeconds(i + 1))).ToList(),
            Outcomes = outcomes ?? [],
            Ledger = ledger,
            Notes = [],
            ReplayCommand = ReplayCommand.For("tests/Harness", "Harness.Assertions", "Run", seed, ExperimentProfile.Ci),
        };
    }
}
