using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Measures;
using Resilience.Fixtures.Observers;
using Resilience.Load.Records;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>Without a breaker source a requirement on breaker state cannot pass on an empty history: it fails saying why.</summary>
public sealed class NoBreakerSourceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_without_a_breaker_source_refuses_to_tell_a_breakers_history()
    {
        var run = Run(breakerSource: null);

        var history = () => run.Breaker("inventory-db");

        history.Should().Throw<InvalidOperationException>()
            .WithMessage("*breaker 'inventory-db'*no breaker source*BreakerSources.PollyTelemetry*BreakerSources.Prometheus*BreakerSources.JsonEndpoint*");
    }

    [Fact]
    public void A_run_with_a_breaker_source_tells_the_named_breakers_transitions_oldest_first()
    {
        var run = Run(breakerSource: "the service's JSON endpoint GET /resilience",
            new BreakerTransition("inventory-db", "Open", "HalfOpen", Start.AddSeconds(5)),
            new BreakerTransition("stock-cache", "Closed", "Open", Start.AddSeconds(2)),
            new BreakerTransition("inventory-db", "Closed", "Open", Start.AddSeconds(1)));

        var history = run.Breaker("inventory-db");

        history.Transitions.Select(t => t.To).Should().Equal("Open", "HalfOpen");
        run.Breaker("pricing").Transitions.Should().BeEmpty("a known source that saw nothing is an honest empty history");
    }

    [Fact]
    public async Task The_no_source_sees_nothing_describes_itself_and_can_be_started_and_refreshed()
    {
        using var client = new HttpClient();
        var source = BreakerSources.None(new BreakerSourceContext(client, () => null));

        await source.StartAsync(TestContext.Current.CancellationToken);
        await source.RefreshAsync(TestContext.Current.CancellationToken);

        source.Should().BeSameAs(NoBreakerSource.Instance);
        source.Description.Should().Be("no breaker source");
        source.Transitions.Should().BeEmpty();
        source.CurrentStates.Should().BeEmpty();
        await source.DisposeAsync();
        NoBreakerSource.Instance.Transitions.Should().BeEmpty("disposing the shared instance leaves it usable");
    }

    private static ExperimentRun Run(string? breakerSource, params BreakerTransition[] transitions) => new()
    {
        BreakerSource = breakerSource,
        Scenario = "Harness.NoBreakerSource",
        Suite = "Harness",
        Seed = 1,
        Profile = ExperimentProfile.Ci,
        Sla = Sla.Default,
        RequestBudget = TimeSpan.FromSeconds(1),
        StartedAt = Start,
        EndedAt = Start.AddSeconds(10),
        Timeline = [],
        Latency = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0),
        ServiceTime = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0),
        Faults = [],
        BreakerTransitions = transitions,
        Outcomes = [],
        Ledger = null,
        Notes = [],
        ReplayCommand = ReplayCommand.For("tests/Harness", "Harness.NoBreakerSource", "Run", 1, ExperimentProfile.Ci),
    };
}
