using Polly.CircuitBreaker;

namespace Resilience.App.Resilience;

/// <summary>
/// The live state and the transition history of one dependency's circuit breaker. Written by Polly's callbacks,
/// read by <c>GET /resilience</c>; the history is bounded so a flapping breaker cannot grow it without limit.
/// </summary>
public sealed class BreakerJournal(string dependency, TimeProvider clock, ILogger logger)
{
    public const int MaxTransitions = 500;

    private readonly Lock _gate = new();
    private readonly Queue<BreakerTransition> _transitions = new();
    private CircuitState _lastKnown = CircuitState.Closed;
    private long _openUntilUtcTicks;
    private long _dropped;

    public string Dependency { get; } = dependency;

    /// <summary>Raised after every recorded transition, outside the journal's lock.</summary>
    public event EventHandler<BreakerTransition>? Transitioned;

    /// <summary>Polly's view of the breaker; reads Closed until the pipeline is first built.</summary>
    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public CircuitState CurrentState => StateProvider.CircuitState;

    /// <summary>
    /// The breaker would reject a call right now, so a caller can fail fast before doing other work first.
    /// Polly moves an open breaker to half-open only when a call arrives after the break, so "open" past the
    /// break is not rejecting: that call is the probe that may close it.
    /// </summary>
    public bool IsRejecting => CurrentState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => clock.GetUtcNow().UtcTicks < Volatile.Read(ref _openUntilUtcTicks),
        _ => false,
    };

    public void Record(CircuitState to, string? cause = null, TimeSpan? breakDuration = null)
    {
        BreakerTransition transition;
        lock (_gate)
        {
            transition = new BreakerTransition(_lastKnown, to, clock.GetUtcNow(), cause, breakDuration?.TotalMilliseconds);
            _lastKnown = to;
            if (to == CircuitState.Open && breakDuration is { } duration)
            {
                Volatile.Write(ref _openUntilUtcTicks, (transition.AtUtc + duration).UtcTicks);
            }
            if (_transitions.Count == MaxTransitions)
            {
                _transitions.Dequeue();
                _dropped++;
            }
            _transitions.Enqueue(transition);
        }
        logger.LogWarning("Circuit breaker {Dependency} {From} -> {To} (cause: {Cause}, break: {BreakDurationMs} ms)",
            Dependency, transition.From, transition.To, cause ?? "-", transition.BreakDurationMs);
        Transitioned?.Invoke(this, transition);
    }

    public (IReadOnlyList<BreakerTransition> Transitions, long Dropped) Snapshot()
    {
        lock (_gate)
        {
            return (_transitions.ToArray(), _dropped);
        }
    }
}
