using Polly.CircuitBreaker;
using Resilience.App.Configuration;
using Resilience.App.Resilience;

namespace Resilience.App.Endpoints;

public sealed record BreakerReport(
    string Dependency, bool Enabled, CircuitState State, IReadOnlyList<BreakerTransition> Transitions, long DroppedTransitions);

public sealed record LimiterReport(
    string Dependency, bool Enabled, int PermitLimit, int QueueLimit, long? AvailablePermits, long? Queued, long? RejectedTotal);

/// <summary>Body of <c>GET /resilience</c>: breakers with their transition logs, limiters, and the effective settings.</summary>
public sealed record ResilienceReport(
    DateTimeOffset GeneratedAtUtc, IReadOnlyList<BreakerReport> Breakers, IReadOnlyList<LimiterReport> Limiters, ResilienceSettings Settings);

/// <summary><c>GET /resilience</c>: what the suites sample to see breakers open and close, with UTC timestamps.</summary>
public static class ResilienceEndpoint
{
    public static IEndpointRouteBuilder MapResilienceStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/resilience", (BreakerJournals breakers, DependencyLimits limits, AppSettings settings, TimeProvider clock) =>
        {
            var resilience = settings.Resilience;
            var breakerReports = breakers.All.Select(journal =>
            {
                var (transitions, dropped) = journal.Snapshot();
                return new BreakerReport(journal.Dependency, resilience.For(journal.Dependency).CircuitBreaker.Enabled,
                    journal.CurrentState, transitions, dropped);
            }).ToList();
            var limiterReports = Dependency.All.Select(dependency =>
            {
                var configured = resilience.For(dependency).ConcurrencyLimit;
                var statistics = limits.For(dependency)?.GetStatistics();
                return new LimiterReport(dependency, configured.Enabled, configured.PermitLimit, configured.QueueLimit,
                    statistics?.CurrentAvailablePermits, statistics?.CurrentQueuedCount, statistics?.TotalFailedLeases);
            }).ToList();
            var report = new ResilienceReport(clock.GetUtcNow(), breakerReports, limiterReports, resilience);
            return TypedResults.Json(report, AppJsonContext.Default.ResilienceReport);
        });
        return endpoints;
    }
}
