using Polly.CircuitBreaker;

namespace Resilience.App.Resilience;

/// <summary>One state change of a circuit breaker, as reported by Polly's OnOpened/OnHalfOpened/OnClosed callbacks.</summary>
/// <param name="Cause">For an opening: the type of the failure that tipped the breaker.</param>
/// <param name="BreakDurationMs">For an opening: how long it stays open before a probe is let through.</param>
public sealed record BreakerTransition(
    CircuitState From,
    CircuitState To,
    DateTimeOffset AtUtc,
    string? Cause,
    double? BreakDurationMs);
