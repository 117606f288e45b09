using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Services;

/// <summary>One transition as the source delivered it: Polly's own time for it, and when it first showed up in the source.</summary>
/// <param name="FaultAction">The proxy action (disable or enable) last taken before Polly raised it, and when.</param>
internal sealed record ObservedTransition(BreakerTransition Transition, DateTimeOffset Arrived, (string Action, DateTimeOffset At)? FaultAction)
{
    /// <summary>From Polly raising it (its event time) to the harness holding it.</summary>
    public TimeSpan Delay => Arrived - Transition.At;
}

/// <summary>
/// Figure 2: the delay from Polly raising a breaker transition to the harness recording it. One source stays
/// attached while requests flow and the <c>inventory-db</c> proxy is disabled and enabled in cycles (down long enough
/// for the breaker to open, half-open after its 2 s break and open again; up long enough for it to close). A poller
/// reads <see cref="PollyTelemetryBreakerSource.Transitions"/> every 10 ms and stamps each transition the first time
/// it appears (the clock is read after the list, so the stamp is never early; it is late by at most the 10 ms tick).
/// </summary>
internal sealed class TransitionDelay(ServiceStack stack, Action<string> live)
{
    private const string Dependency = "inventory-db";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly List<ObservedTransition> observed = [];
    private readonly List<(string Action, DateTimeOffset At)> actions = [];

    public async Task<IReadOnlyList<ObservedTransition>> MeasureAsync(int cycles, TimeSpan down, TimeSpan up, CancellationToken cancellationToken)
    {
        var proxy = stack.Proxies[Dependency];
        await using var source = new PollyTelemetryBreakerSource(() => stack.Service.ProcessId);
        await source.StartAsync(cancellationToken);
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polling = PollAsync(source, stopPolling.Token);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // the session settles under load first
            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                Mark("disable");
                await proxy.DisableAsync(cancellationToken);
                await Task.Delay(down, cancellationToken);
                live($"cycle {cycle}/{cycles}: {Dependency} was down {down.TotalSeconds:F0} s; {Summary()}");
                Mark("enable");
                await proxy.EnableAsync(cancellationToken);
                await Task.Delay(up, cancellationToken);
                live($"cycle {cycle}/{cycles}: {Dependency} was up {up.TotalSeconds:F0} s; {Summary()}; states {string.Join(", ", source.CurrentStates.Select(s => $"{s.Key}={s.Value}"))}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // the last transition's delivery
        }
        finally
        {
            await proxy.EnableAsync(CancellationToken.None);
            await stopPolling.CancelAsync();
            await polling;
        }

        lock (observed)
        {
            return [.. observed.OrderBy(o => o.Transition.At)];
        }
    }

    private void Mark(string action)
    {
        lock (actions)
        {
            actions.Add((action, DateTimeOffset.UtcNow));
        }
    }

    private (string, DateTimeOffset)? LastActionBefore(DateTimeOffset at)
    {
        lock (actions)
        {
            return actions.LastOrDefault(a => a.At <= at) is { Action: not null } last ? last : null;
        }
    }

    private string Summary()
    {
        lock (observed)
        {
            return observed.Count == 0
                ? "no transitions yet"
                : FormattableString.Invariant(
                    $"{observed.Count} transitions, delay median {Stats.Median(observed.Select(o => o.Delay.TotalMilliseconds)):F0} ms, max {observed.Max(o => o.Delay.TotalMilliseconds):F0} ms, last {observed[^1].Transition.From}->{observed[^1].Transition.To} {observed[^1].Delay.TotalMilliseconds:F0} ms");
        }
    }

    private async Task PollAsync(PollyTelemetryBreakerSource source, CancellationToken cancellationToken)
    {
        var seen = new HashSet<BreakerTransition>();
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var transitions = source.Transitions;
                var now = DateTimeOffset.UtcNow;
                foreach (var transition in transitions.Where(seen.Add))
                {
                    lock (observed)
                    {
                        observed.Add(new ObservedTransition(transition, now, LastActionBefore(transition.At)));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
