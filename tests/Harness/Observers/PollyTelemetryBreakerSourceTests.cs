using System.Diagnostics;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Measures;
using Resilience.Fixtures.Observers;

namespace Resilience.Tests.Harness.Observers;

/// <summary>
/// The EventPipe source against a real process: tests/Assets/PollyBreakerDemo, a generic host with a Polly pipeline
/// "demo-db" and nothing added for observing it, driven over stdin. The demo prints the UTC time Polly raised each
/// transition (from Polly's own callback), which the source must match. Kills every demo it starts.
/// </summary>
public sealed class PollyTelemetryBreakerSourceTests
{
    private static readonly TimeSpan ArrivesWithin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TimedWithin = TimeSpan.FromMilliseconds(250);
    private static readonly BreakerNames Inventory = BreakerNames.FromPipelines(new Dictionary<string, string> { ["demo-db"] = "inventory" });

    [Fact]
    public async Task A_breaker_in_another_process_is_seen_closed_open_half_open_closed_by_its_dependency_name_at_pollys_time()
    {
        await using var demo = await PollyBreakerDemoProcess.StartAsync();
        await using var source = new PollyTelemetryBreakerSource(() => demo.ProcessId, Inventory);
        await source.StartAsync(TestContext.Current.CancellationToken);
        source.Description.Should().Be($"Polly telemetry over EventPipe (pid {demo.ProcessId})");

        await demo.SendAsync("fail");
        await ExpectSeenAsync(source, demo, BreakerStates.Closed, BreakerStates.Open, TimedWithin);
        await demo.SucceedOnceLetThroughAsync();
        await ExpectSeenAsync(source, demo, BreakerStates.Open, BreakerStates.HalfOpen, TimedWithin);
        await ExpectSeenAsync(source, demo, BreakerStates.HalfOpen, BreakerStates.Closed, TimedWithin);

        // The meter reports the same three events; two intervals later they must not have been counted again.
        var intervals = source.CountedIntervals;
        await PollAsync(() => source.CountedIntervals >= intervals + 2, TimeSpan.FromSeconds(5), "two counter intervals after the last transition");
        source.Transitions.Select(t => (t.Breaker, t.From, t.To)).Should().Equal(
            ("inventory", BreakerStates.Closed, BreakerStates.Open),
            ("inventory", BreakerStates.Open, BreakerStates.HalfOpen),
            ("inventory", BreakerStates.HalfOpen, BreakerStates.Closed));
        source.CurrentStates.Should().Equal(new Dictionary<string, string> { ["inventory"] = BreakerStates.Closed });
    }

    [Fact]
    public async Task A_service_without_the_event_source_logger_is_still_seen_through_pollys_meter_at_the_intervals_end()
    {
        await using var demo = await PollyBreakerDemoProcess.StartAsync(["--EventSourceLogging", "false"]);
        await using var source = new PollyTelemetryBreakerSource(() => demo.ProcessId, Inventory);
        await source.StartAsync(TestContext.Current.CancellationToken);

        // Timed at the end of the counter's interval (0.25 s): late by at most that and the flush, never early.
        var intervalEnd = TimeSpan.FromSeconds(0.5);
        await demo.SendAsync("fail");
        await ExpectSeenAsync(source, demo, BreakerStates.Closed, BreakerStates.Open, intervalEnd, notBefore: true);
        await demo.SucceedOnceLetThroughAsync();
        await ExpectSeenAsync(source, demo, BreakerStates.Open, BreakerStates.HalfOpen, intervalEnd, notBefore: true);
        await ExpectSeenAsync(source, demo, BreakerStates.HalfOpen, BreakerStates.Closed, intervalEnd, notBefore: true);
        source.Transitions.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_process_without_diagnostics_fails_start_naming_its_pid()
    {
        await using var demo = await PollyBreakerDemoProcess.StartAsync(environment: new() { ["DOTNET_EnableDiagnostics"] = "0" });
        await using var source = new PollyTelemetryBreakerSource(() => demo.ProcessId);
        var watch = Stopwatch.StartNew();

        var start = () => source.StartAsync(TestContext.Current.CancellationToken);

        var failure = await start.Should().ThrowAsync<InvalidOperationException>();
        failure.Which.Message.Should().Contain($"process {demo.ProcessId}").And.Contain("DOTNET_EnableDiagnostics=0");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the attach gives up after 10 s");
    }

    [Fact]
    public async Task Disposing_after_the_service_was_killed_returns_promptly_without_throwing()
    {
        await using var demo = await PollyBreakerDemoProcess.StartAsync();
        // The dead pid is still reported, as a stale process record would: the watch keeps trying it meanwhile.
        var source = new PollyTelemetryBreakerSource(() => demo.ProcessId, Inventory);
        await source.StartAsync(TestContext.Current.CancellationToken);
        demo.Kill();
        var watch = Stopwatch.StartNew();

        var dispose = async () => await source.DisposeAsync();

        await dispose.Should().NotThrowAsync();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "stopping a session on a dead process must not wait out a timeout");
    }

    [Fact]
    public async Task A_killed_and_restarted_service_is_followed_to_its_new_pid_keeping_what_was_seen()
    {
        var first = await PollyBreakerDemoProcess.StartAsync();
        PollyBreakerDemoProcess? second = null;
        var current = first;
        try
        {
            await using var source = new PollyTelemetryBreakerSource(() => current.HasExited ? null : current.ProcessId, Inventory);
            await source.StartAsync(TestContext.Current.CancellationToken);
            await first.SendAsync("fail");
            await ExpectSeenAsync(source, first, BreakerStates.Closed, BreakerStates.Open, TimedWithin);

            first.Kill();
            await PollAsync(() => source.AttachedProcessId is null, TimeSpan.FromSeconds(3), "the session on the killed process dropped");
            second = await PollyBreakerDemoProcess.StartAsync();
            current = second;
            await PollAsync(() => source.AttachedProcessId == second.ProcessId, TimeSpan.FromSeconds(5), $"attached to the new pid {second.ProcessId}");

            // The new process's breaker starts closed: its opening is Closed → Open again, not Open → Open.
            await second.SendAsync("fail");
            await ExpectSeenAsync(source, second, BreakerStates.Closed, BreakerStates.Open, TimedWithin);
            source.Transitions.Select(t => (t.From, t.To)).Should().Equal((BreakerStates.Closed, BreakerStates.Open), (BreakerStates.Closed, BreakerStates.Open));
            source.Transitions[0].At.Should().BeCloseTo(first.Raised.Single().At, TimedWithin);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Waits for the demo to report raising <paramref name="to"/>, then for the source to hold the transition, at
    /// most <see cref="ArrivesWithin"/> after Polly raised it, timed within <paramref name="timedWithin"/> of it.
    /// </summary>
    private static async Task ExpectSeenAsync(PollyTelemetryBreakerSource source, PollyBreakerDemoProcess demo, string from, string to, TimeSpan timedWithin, bool notBefore = false)
    {
        var raised = await demo.WaitRaisedAsync(to);
        BreakerTransition? seen = null;
        var deadline = raised.At + ArrivesWithin;
        while ((seen = source.Transitions.LastOrDefault(t => t.Breaker == "inventory" && t.To == to && t.At >= raised.At - timedWithin)) is null
            && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var arrivedAfter = DateTimeOffset.UtcNow - raised.At;
        seen.Should().NotBeNull($"Polly raised {to} at {raised.At:O} and the source must hold it within {ArrivesWithin.TotalSeconds} s; it holds {string.Join(", ", source.Transitions)}");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{from} -> {to}: Polly raised {raised.At:HH:mm:ss.fff}, source At {seen!.At:HH:mm:ss.fff} ({(seen.At - raised.At).TotalMilliseconds:+0;-0} ms), held {arrivedAfter.TotalMilliseconds:0} ms after it was raised");
        seen.From.Should().Be(from);
        seen.At.Should().BeCloseTo(raised.At, timedWithin);
        if (notBefore)
        {
            seen.At.Should().BeOnOrAfter(raised.At, "a counter interval ends after the event it counts");
        }
    }

    private static async Task PollAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Not {what} within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
