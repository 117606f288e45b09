namespace Resilience.Tests.Harness.App;

/// <summary>The body of <c>GET /resilience</c> (the parts the tests read).</summary>
public sealed record ResilienceStatusDto(DateTimeOffset GeneratedAtUtc, List<BreakerDto> Breakers, List<LimiterDto> Limiters)
{
    public BreakerDto Breaker(string dependency) => Breakers.Single(breaker => breaker.Dependency == dependency);
}

public sealed record BreakerDto(string Dependency, bool Enabled, string State, List<TransitionDto> Transitions);

public sealed record TransitionDto(string From, string To, DateTimeOffset AtUtc, string? Cause, double? BreakDurationMs);

public sealed record LimiterDto(string Dependency, bool Enabled, int PermitLimit, int QueueLimit, long? AvailablePermits, long? Queued, long? RejectedTotal);
