using System.Diagnostics.Metrics;

namespace Resilience.App.Observability;

/// <summary>
/// The app's own meter. prometheus-net bridges .NET meters (prefixing the meter name), so these appear on
/// /metrics as <c>resilience_app_dependency_failures</c> and <c>resilience_app_degraded_responses</c>, next to
/// Polly's <c>Polly</c> meter and the HTTP request durations.
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "Resilience.App";

    private readonly Counter<long> _dependencyFailures;
    private readonly Counter<long> _degradedResponses;

    public AppMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _dependencyFailures = meter.CreateCounter<long>(
            "dependency_failures",
            description: "Dependency calls that produced no answer, by dependency and reason (circuit-open, shed, timeout, budget-exhausted, unavailable).");
        _degradedResponses = meter.CreateCounter<long>(
            "degraded_responses",
            description: "Responses served in a degraded mode, by kind (stale, cache-bypass, fallback-price).");
    }

    public void DependencyFailed(string dependency, string reason) =>
        _dependencyFailures.Add(1, new KeyValuePair<string, object?>("dependency", dependency), new KeyValuePair<string, object?>("reason", reason));

    public void Degraded(string kind) => _degradedResponses.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
