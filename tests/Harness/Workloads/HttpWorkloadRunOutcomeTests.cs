using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Ledger;
using Resilience.Fixtures.Workloads;
using Resilience.Load;
using Resilience.Load.Results;
using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>A run classifies real answers by its outcome rules, logs every request, and draws the same values for the same seed.</summary>
public sealed class HttpWorkloadRunOutcomeTests : IAsyncLifetime
{
    private static readonly OutcomeRules Rules = OutcomeRules.Default with { ShedWithin = WorkloadService.ShedWithin };

    private static readonly HttpWorkload Answers = HttpWorkload.Create()
        .WithOutcomeRules(Rules)
        .WithRequest("stale", 1, HttpMethod.Get, "/stale")
        .WithRequest("misc", 1, HttpMethod.Get, "/misc")
        .WithRequest("shed-fast", 1, HttpMethod.Get, "/shed-fast")
        .WithRequest("shed-slow", 1, HttpMethod.Get, "/shed-slow");

    private WorkloadService _service = null!;

    public async ValueTask InitializeAsync() => _service = await WorkloadService.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_200_with_warning_110_is_degraded_and_one_with_warning_199_is_ok()
    {
        var run = _service.Run(Answers);

        var stale = await WorkloadService.InvokeAsync(run, "stale");
        var misc = await WorkloadService.InvokeAsync(run, "misc");

        stale.Should().Be(StepResult.Degraded("110 - \"stale\""));
        misc.Should().Be(StepResult.Ok);
        OutcomesOf(run).Should().Equal(("stale", RequestOutcome.Degraded), ("misc", RequestOutcome.Ok));
    }

    [Fact]
    public async Task A_fast_503_with_retry_after_is_shed()
    {
        var run = _service.Run(Answers);

        var result = await WorkloadService.InvokeAsync(run, "shed-fast");

        result.Should().Be(StepResult.Error("http_503") with { RetryAfter = true });
        OutcomesOf(run).Should().Equal(("shed-fast", RequestOutcome.Shed));
    }

    [Fact]
    public async Task A_503_with_retry_after_slower_than_the_shed_bound_is_failed_and_its_service_time_shows_the_wait()
    {
        var run = _service.Run(Answers);

        var result = await WorkloadService.InvokeAsync(run, "shed-slow");

        result.Should().Be(StepResult.Error("http_503") with { RetryAfter = true });
        var entry = run.Outcomes.Snapshot().Should().ContainSingle().Subject;
        entry.Outcome.Should().Be(RequestOutcome.Failed);
        entry.ServiceTime.Should().BeGreaterThanOrEqualTo(WorkloadService.SlowRefusal - TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task Under_the_load_engine_each_step_is_classified_and_logged_once_per_request()
    {
        var run = _service.Run(Answers);

        var result = await RunLoadAsync(run, seed: 1, rate: 20);

        result.Totals.Completed.Should().BeGreaterThan(0);
        var outcomes = run.Outcomes.Snapshot();
        outcomes.Should().HaveCount((int)result.Totals.Completed);
        outcomes.Select(e => e.Step).Distinct().Should().BeEquivalentTo(["stale", "misc", "shed-fast", "shed-slow"], "the seed's mix sends every step");
        outcomes.Where(e => e.Step == "stale").Should().OnlyContain(e => e.Outcome == RequestOutcome.Degraded);
        outcomes.Where(e => e.Step == "misc").Should().OnlyContain(e => e.Outcome == RequestOutcome.Ok);
        outcomes.Where(e => e.Step == "shed-slow").Should().OnlyContain(e => e.Outcome == RequestOutcome.Failed);
        result.Steps.Single(s => s.Name == "stale").DegradedByKind.Keys.Should().Equal("110 - \"stale\"");
        result.Steps.Single(s => s.Name == "misc").Ok.Should().Be(outcomes.Count(e => e.Step == "misc"));
        _service.Received.Should().HaveCount((int)result.Totals.Completed);
    }

    [Fact]
    public async Task Under_the_load_engine_an_acknowledged_write_without_its_id_is_counted_as_an_error_and_not_ledgered()
    {
        WriteLedger? checkedLedger = null;
        var run = _service.Run(HttpWorkload.Create()
            .WithWrite("reserve", 1, HttpMethod.Post, "/reservations/without-id", "{}", "Idempotency-Key", "reservationId", retriedShare: 0)
            .WithLedger(LedgerChecks.From((ledger, _, _) =>
            {
                checkedLedger = ledger;
                return Task.FromResult(new LedgerVerdict(ledger.Attempts, ledger.Acknowledged.Count, [], new Dictionary<string, long>()));
            })));

        var result = await RunLoadAsync(run, seed: 1, rate: 10);
        await run.VerifyLedgerAsync(TestContext.Current.CancellationToken);

        result.Totals.Completed.Should().BeGreaterThan(0);
        result.Totals.Errors.Should().Be(result.Totals.Completed);
        result.ErrorsByKind.Should().ContainKey("exception:InvalidOperationException").WhoseValue.Should().Be(result.Totals.Completed);
        checkedLedger!.Attempts.Should().Be(result.Totals.Completed);
        checkedLedger.Acknowledged.Should().BeEmpty();
    }

    [Fact]
    public async Task A_step_that_throws_is_logged_as_failed_like_the_load_engine_counts_it()
    {
        var run = _service.Run(HttpWorkload.Create()
            .WithWrite("reserve", 1, HttpMethod.Post, "/reservations/without-id", "{}", "Idempotency-Key", "reservationId", retriedShare: 0)
            .WithStep("flow", 1, (_, _) => throw new FormatException("a broken answer")));

        var result = await RunLoadAsync(run, seed: 1, rate: 10);

        result.Totals.Errors.Should().Be(result.Totals.Completed).And.BeGreaterThan(0);
        run.Outcomes.Snapshot().Should().HaveCount((int)result.Totals.Completed)
            .And.OnlyContain(e => e.Outcome == RequestOutcome.Failed);
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_values_for_the_same_iterations_and_another_seed_others()
    {
        var first = await ValuesByIterationAsync(seed: 11);
        var again = await ValuesByIterationAsync(seed: 11);
        var other = await ValuesByIterationAsync(seed: 12);

        first.Should().HaveCountGreaterThan(5);
        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public async Task A_step_context_with_the_same_random_seed_fills_the_same_values()
    {
        var run = _service.Run(Valued());

        await WorkloadService.InvokeAsync(run, "read", iteration: 1, randomSeed: 99);
        await WorkloadService.InvokeAsync(run, "read", iteration: 2, randomSeed: 99);
        await WorkloadService.InvokeAsync(run, "read", iteration: 3, randomSeed: 100);

        var paths = _service.Received.OrderBy(r => r.Iteration).Select(r => r.Path).ToList();
        paths[1].Should().Be(paths[0]);
        paths[2].Should().NotBe(paths[0]);
        _service.Received.Select(r => r.Iteration).Should().BeEquivalentTo(["1", "2", "3"]);
    }

    private static HttpWorkload Valued() => HttpWorkload.Create()
        .WithValue("sku", random => random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithRequest("read", 1, HttpMethod.Get, "/values/{sku}", headers: new Dictionary<string, string> { ["X-Iteration"] = "{iteration}" });

    private static async Task<Dictionary<string, string>> ValuesByIterationAsync(int seed)
    {
        await using var service = await WorkloadService.StartAsync();
        var run = service.Run(Valued());

        var result = await RunLoadAsync(run, seed, rate: 20);

        result.Totals.Errors.Should().Be(0);
        return service.Received.ToDictionary(r => r.Iteration!, r => r.Path);
    }

    private static Task<LoadResult> RunLoadAsync(IWorkload run, long seed, double rate) =>
        LoadTest.For(run.Scenario("workload")).WithLoad(Simulation.Inject(rate, TimeSpan.FromSeconds(1))).WithSeed(seed)
            .Build().RunAsync(TestContext.Current.CancellationToken);

    private static IEnumerable<(string, RequestOutcome)> OutcomesOf(IWorkload run) => run.Outcomes.Snapshot().Select(e => (e.Step, e.Outcome));
}
