using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Measures;
using Resilience.Fixtures.Observers;

namespace Resilience.Tests.Harness.Observers;

/// <summary>
/// The EventPipe source's bookkeeping, fed directly with log records and counter totals as a session delivers
/// them, and the session's reading of metric tags (the end-to-end behaviour is in <see cref="PollyTelemetryBreakerSourceTests"/>).
/// </summary>
public sealed class PollyTransitionTrackerTests
{
    private static readonly BreakerNames Inventory = BreakerNames.FromPipelines(new Dictionary<string, string> { ["demo-db"] = "inventory" });
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_log_record_and_the_counter_rise_for_the_same_event_are_one_transition_at_the_log_records_time()
    {
        var (log, tracker) = Bookkeeping();
        var sink = tracker.BeginSession(newProcess: true);

        sink.OnLogged(new PollyLoggedEvent(DemoDb, PollyBreakerEvents.Opened, T0));
        sink.OnCounted([new PollyEventTotal(DemoDb, PollyBreakerEvents.Opened, 1)], T0.AddSeconds(1));
        sink.OnCounted([new PollyEventTotal(DemoDb, PollyBreakerEvents.Opened, 1)], T0.AddSeconds(2));

        log.Transitions.Should().Equal(new BreakerTransition("inventory", BreakerStates.Closed, BreakerStates.Open, T0));
    }

    [Fact]
    public void Counter_rises_nobody_logged_are_one_transition_each_at_the_intervals_end_in_the_order_a_breaker_moves()
    {
        var (log, tracker) = Bookkeeping();
        var sink = tracker.BeginSession(newProcess: true);

        // Opened twice (two series: two exception types) in one interval is one opening; closed before half-opened in the list.
        sink.OnCounted(
        [
            new PollyEventTotal(DemoDb, PollyBreakerEvents.Opened, 1),
            new PollyEventTotal(DemoDb, PollyBreakerEvents.Opened, 1),
        ], T0.AddSeconds(1));
        sink.OnCounted(
        [
            new PollyEventTotal(DemoDb, PollyBreakerEvents.Opened, 1),
            new PollyEventTotal(DemoDb, PollyBreakerEvents.Opened, 1),
            new PollyEventTotal(DemoDb, PollyBreakerEvents.Closed, 1),
            new PollyEventTotal(DemoDb, PollyBreakerEvents.HalfOpened, 1),
            new PollyEventTotal(DemoDb with { PipelineName = "other" }, "OnRetry", 7),
        ], T0.AddSeconds(2));

        log.Transitions.Should().Equal(
            new BreakerTransition("inventory", BreakerStates.Closed, BreakerStates.Open, T0.AddSeconds(1)),
            new BreakerTransition("inventory", BreakerStates.Open, BreakerStates.HalfOpen, T0.AddSeconds(2)),
            new BreakerTransition("inventory", BreakerStates.HalfOpen, BreakerStates.Closed, T0.AddSeconds(2)));
    }

    [Fact]
    public void A_new_session_ignores_the_old_one_and_a_new_process_starts_its_breakers_closed()
    {
        var (log, tracker) = Bookkeeping();
        var old = tracker.BeginSession(newProcess: true);
        old.OnLogged(new PollyLoggedEvent(DemoDb, PollyBreakerEvents.Opened, T0));

        var restarted = tracker.BeginSession(newProcess: true);
        old.OnLogged(new PollyLoggedEvent(DemoDb, PollyBreakerEvents.HalfOpened, T0.AddSeconds(1)));
        log.CurrentStates.Should().Equal(new Dictionary<string, string> { ["inventory"] = BreakerStates.Closed });

        // Totals restart with the session: the new process's first opening counts although the old total was 1 too.
        restarted.OnCounted([new PollyEventTotal(DemoDb, PollyBreakerEvents.Opened, 1)], T0.AddSeconds(2));
        log.Transitions.Select(t => (t.From, t.To, t.At)).Should().Equal(
            (BreakerStates.Closed, BreakerStates.Open, T0),
            (BreakerStates.Closed, BreakerStates.Open, T0.AddSeconds(2)));
    }

    [Fact]
    public void A_breaker_the_names_ignore_is_not_recorded()
    {
        var log = new BreakerTransitionLog();
        var sink = new PollyTransitionTracker(BreakerNames.From(id => id.PipelineName == "demo-db" ? null : id.PipelineName), log).BeginSession(newProcess: true);

        sink.OnLogged(new PollyLoggedEvent(DemoDb, PollyBreakerEvents.Opened, T0));
        sink.OnCounted([new PollyEventTotal(DemoDb, PollyBreakerEvents.Closed, 1)], T0.AddSeconds(1));

        log.Transitions.Should().BeEmpty();
        log.CurrentStates.Should().BeEmpty();
    }

    [Theory]
    [InlineData("event.name=OnCircuitOpened,pipeline.name=demo-db,strategy.name=CircuitBreaker", "demo-db")]
    [InlineData("event.name=OnCircuitOpened,operation.key=a,b,pipeline.name=demo-db", "demo-db")]
    public void Metric_tags_are_read_even_when_a_value_holds_a_comma(string tags, string pipeline)
    {
        var parsed = PollyEventPipeSession.ParseTags(tags);

        parsed["event.name"].Should().Be(PollyBreakerEvents.Opened);
        parsed["pipeline.name"].Should().Be(pipeline);
    }

    private static PollyBreakerId DemoDb => new("demo-db", null, "CircuitBreaker");

    private static (BreakerTransitionLog Log, PollyTransitionTracker Tracker) Bookkeeping()
    {
        var log = new BreakerTransitionLog();
        return (log, new PollyTransitionTracker(Inventory, log));
    }
}
