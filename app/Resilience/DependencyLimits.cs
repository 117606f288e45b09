using System.Threading.RateLimiting;
using Resilience.App.Configuration;

namespace Resilience.App.Resilience;

/// <summary>
/// Owns each dependency's concurrency limiter. The pipeline uses it; <c>GET /resilience</c> reads its statistics.
/// Kept outside the pipeline so one limiter bounds every call to the dependency, reads and writes alike.
/// </summary>
public sealed class DependencyLimits : IDisposable
{
    private readonly Dictionary<string, ConcurrencyLimiter> _limiters = new(StringComparer.Ordinal);

    public DependencyLimits(ResilienceSettings settings)
    {
        Add(Dependency.Postgres, settings.Postgres.ConcurrencyLimit);
        Add(Dependency.Redis, settings.Redis.ConcurrencyLimit);
        Add(Dependency.Pricing, settings.External.ConcurrencyLimit);
    }

    public ConcurrencyLimiter? For(string dependency) => _limiters.GetValueOrDefault(dependency);

    private void Add(string dependency, ConcurrencyLimitSettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }
        _limiters[dependency] = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            QueueLimit = settings.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
