using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Ledger;
using Resilience.Fixtures.Workloads;
using Resilience.Load.Scenarios;
using Resilience.Tests.Harness.Load;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>A run of an HTTP workload sends its writes with an idempotency key and keeps what the service acknowledged for the ledger.</summary>
public sealed class HttpWorkloadRunTests : IAsyncLifetime
{
    private WorkloadService _service = null!;
    private WriteLedger? _checkedLedger;
    private IChaosTarget? _checkedTarget;

    public async ValueTask InitializeAsync() => _service = await WorkloadService.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task An_acknowledged_write_is_in_the_ledger_under_its_idempotency_key_with_the_id_answered()
    {
        var run = _service.Run(Write("/reservations", retriedShare: 0));

        var result = await WorkloadService.InvokeAsync(run, "reserve", iteration: 5);
        var verdict = await run.VerifyLedgerAsync(TestContext.Current.CancellationToken);

        result.Should().Be(StepResult.Ok);
        var received = _service.Received.Should().ContainSingle().Subject;
        received.Key.Should().Be(WorkloadService.KeyOf(5));
        received.Body.Should().MatchRegex("""^\{"sku":"SKU-\d{3}"\}$""");
        verdict.Should().NotBeNull();
        _checkedTarget.Should().BeSameAs(_service.Target);
        _checkedLedger!.Attempts.Should().Be(1);
        _checkedLedger.Acknowledged.Should().ContainSingle();
        _checkedLedger.Acknowledged[WorkloadService.KeyOf(5)].Should().Equal(42);
        run.Outcomes.Snapshot().Should().ContainSingle().Which.Should().Match<OutcomeLog.Entry>(e => e.Step == "reserve" && e.Outcome == RequestOutcome.Ok);
    }

    [Fact]
    public async Task A_retried_write_sends_the_same_key_and_body_twice()
    {
        var run = _service.Run(Write("/reservations", retriedShare: 1.0));

        await WorkloadService.InvokeAsync(run, "reserve", iteration: 8);
        await run.VerifyLedgerAsync(TestContext.Current.CancellationToken);

        var received = _service.Received;
        received.Should().HaveCount(2);
        received.Select(r => r.Key).Should().AllBe(WorkloadService.KeyOf(8));
        received[1].Body.Should().Be(received[0].Body).And.StartWith("""{"sku":"SKU-""");
        _checkedLedger!.Attempts.Should().Be(2);
        _checkedLedger.Acknowledged[WorkloadService.KeyOf(8)].Should().Equal(42);
        run.Outcomes.Snapshot().Should().ContainSingle("a retry is the same user's one request");
    }

    [Fact]
    public async Task A_write_is_not_retried_when_its_share_is_zero()
    {
        var run = _service.Run(Write("/reservations", retriedShare: 0));

        for (var iteration = 1; iteration <= 20; iteration++)
        {
            await WorkloadService.InvokeAsync(run, "reserve", iteration, randomSeed: iteration);
        }

        _service.Received.Select(r => r.Key).Should().OnlyHaveUniqueItems().And.HaveCount(20);
    }

    [Fact]
    public async Task An_id_at_a_dotted_path_given_as_a_string_is_read_as_the_number()
    {
        var run = _service.Run(Write("/reservations/nested", retriedShare: 0, idProperty: "data.id"));

        (await WorkloadService.InvokeAsync(run, "reserve", iteration: 3)).Should().Be(StepResult.Ok);
        await run.VerifyLedgerAsync(TestContext.Current.CancellationToken);

        _checkedLedger!.Acknowledged[WorkloadService.KeyOf(3)].Should().Equal(43);
    }

    [Fact]
    public async Task An_acknowledged_answer_without_the_id_is_an_error_naming_the_step_and_property_not_a_ledger_entry()
    {
        var run = _service.Run(Write("/reservations/without-id", retriedShare: 0));

        var invoke = async () => await WorkloadService.InvokeAsync(run, "reserve", iteration: 4);

        await invoke.Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("Step 'reserve' was acknowledged (201) without 'reservationId' in its JSON answer*");
        await run.VerifyLedgerAsync(TestContext.Current.CancellationToken);
        _checkedLedger!.Attempts.Should().Be(1);
        _checkedLedger.Acknowledged.Should().BeEmpty();
    }

    [Fact]
    public async Task A_write_answered_with_an_error_is_attempted_but_not_acknowledged()
    {
        var run = _service.Run(Write("/reservations/failing", retriedShare: 0));

        var result = await WorkloadService.InvokeAsync(run, "reserve", iteration: 2);
        await run.VerifyLedgerAsync(TestContext.Current.CancellationToken);

        result.Should().Be(StepResult.Error("http_500"));
        _checkedLedger!.Attempts.Should().Be(1);
        _checkedLedger.Acknowledged.Should().BeEmpty();
        run.Outcomes.Snapshot().Single().Outcome.Should().Be(RequestOutcome.Failed);
    }

    [Fact]
    public async Task A_write_the_service_never_answers_is_a_transport_error_counted_as_an_attempt()
    {
        using var nowhere = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{OutcomeRoutes.UnusedPort()}/") };
        var run = Write("/reservations", retriedShare: 0).Create(new WorkloadContext(nowhere, WorkloadService.KeyPrefix, _service.Target));

        var result = await WorkloadService.InvokeAsync(run, "reserve");
        await run.VerifyLedgerAsync(TestContext.Current.CancellationToken);

        result.Should().Be(StepResult.Error("connection_refused"));
        _checkedLedger!.Attempts.Should().Be(1);
        _checkedLedger.Acknowledged.Should().BeEmpty();
    }

    [Fact]
    public async Task The_ledger_is_not_checked_when_no_write_was_attempted_or_no_check_was_given()
    {
        var unused = _service.Run(Write("/reservations", retriedShare: 0).WithRequest("read", 1, HttpMethod.Get, "/misc"));
        var withoutCheck = _service.Run(HttpWorkload.Create()
            .WithWrite("reserve", 1, HttpMethod.Post, "/reservations", "{}", "Idempotency-Key", "reservationId", 0));

        await WorkloadService.InvokeAsync(unused, "read");
        await WorkloadService.InvokeAsync(withoutCheck, "reserve");

        (await unused.VerifyLedgerAsync(TestContext.Current.CancellationToken)).Should().BeNull();
        (await withoutCheck.VerifyLedgerAsync(TestContext.Current.CancellationToken)).Should().BeNull();
        _checkedLedger.Should().BeNull("the check was never called");
    }

    [Fact]
    public async Task Exercising_sends_each_request_step_once_and_records_nothing()
    {
        var run = _service.Run(Write("/reservations", retriedShare: 1.0).WithRequest("read", 1, HttpMethod.Get, "/stale"));

        await run.ExerciseAsync(TestContext.Current.CancellationToken);

        _service.Received.Select(r => r.Path).Should().BeEquivalentTo(["/reservations", "/stale"]);
        _service.Received.Single(r => r.Path == "/reservations").Key.Should().StartWith($"{WorkloadService.KeyPrefix}-exercise-");
        run.Outcomes.Snapshot().Should().BeEmpty();
        (await run.VerifyLedgerAsync(TestContext.Current.CancellationToken)).Should().BeNull("exercising writes nothing to check");
    }

    [Fact]
    public async Task Seeding_runs_the_workloads_seed_with_the_runs_client()
    {
        HttpClient? seededWith = null;
        var run = _service.Run(Write("/reservations", retriedShare: 0).WithSeed(async (client, ct) =>
        {
            seededWith = client;
            await client.GetAsync("/values/seed", ct);
        }));

        await run.SeedAsync(TestContext.Current.CancellationToken);

        seededWith.Should().BeSameAs(_service.Client);
        _service.Received.Should().ContainSingle().Which.Path.Should().Be("/values/seed");
    }

    [Fact]
    public async Task A_code_step_gets_the_runs_client_and_its_result_is_recorded()
    {
        var run = _service.Run(HttpWorkload.Create().WithStep("flow", 1, async (client, context) =>
        {
            using var response = await client.GetAsync($"/values/{context.Iteration}", context.CancellationToken);
            return StepResult.Degraded("custom");
        }));

        var result = await WorkloadService.InvokeAsync(run, "flow", iteration: 11);

        result.Should().Be(StepResult.Degraded("custom"));
        _service.Received.Should().ContainSingle().Which.Path.Should().Be("/values/11");
        run.Outcomes.Snapshot().Should().ContainSingle().Which.Outcome.Should().Be(RequestOutcome.Degraded);
    }

    private HttpWorkload Write(string path, double retriedShare, string idProperty = "reservationId") => HttpWorkload.Create()
        .WithValue("sku", random => $"SKU-{random.Next(1000):000}")
        .WithWrite("reserve", 1, HttpMethod.Post, path, """{"sku":"{sku}"}""", "Idempotency-Key", idProperty, retriedShare)
        .WithLedger(LedgerChecks.From((ledger, target, _) =>
        {
            (_checkedLedger, _checkedTarget) = (ledger, target);
            return Task.FromResult(new LedgerVerdict(ledger.Attempts, ledger.Acknowledged.Count, [], new Dictionary<string, long>()));
        }));
}
