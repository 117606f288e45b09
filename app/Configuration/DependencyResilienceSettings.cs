namespace Resilience.App.Configuration;

/// <summary>
/// Strategies for one dependency, outermost first: concurrency limiter, retry (reads only), circuit breaker,
/// attempt timeout. Defaults are chosen so a demo recovers within a few seconds of a fault ending.
/// </summary>
public sealed class DependencyResilienceSettings
{
    /// <summary>Upper bound of one attempt; it nests inside the request budget.</summary>
    public int AttemptTimeoutMs { get; set; } = 250;

    public Switch AttemptTimeout { get; set; } = new();

    public RetrySettings Retry { get; set; } = new();

    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    public ConcurrencyLimitSettings ConcurrencyLimit { get; set; } = new();

    public static DependencyResilienceSettings ForPostgres() => new()
    {
        AttemptTimeoutMs = 300,
        Retry = new RetrySettings { MaxRetries = 2, BaseDelayMs = 25 },
        // Below Postgres:MaxPoolSize (30) so load is shed with 503 before the pool starves; a short queue, because a
        // call that waits for a permit spends the request budget it needs for the attempt itself: past a few
        // waiting calls it is better to shed at once (a stale copy or a fast 503) than to time out later.
        ConcurrencyLimit = new ConcurrencyLimitSettings { PermitLimit = 24, QueueLimit = 8 },
    };

    public static DependencyResilienceSettings ForRedis() => new()
    {
        AttemptTimeoutMs = 100,
        Retry = new RetrySettings { MaxRetries = 1, BaseDelayMs = 10 },
        ConcurrencyLimit = new ConcurrencyLimitSettings { PermitLimit = 256, QueueLimit = 256 },
    };

    public static DependencyResilienceSettings ForExternal() => new()
    {
        AttemptTimeoutMs = 200,
        Retry = new RetrySettings { MaxRetries = 1, BaseDelayMs = 20 },
        ConcurrencyLimit = new ConcurrencyLimitSettings { PermitLimit = 64, QueueLimit = 128 },
    };
}

public sealed class RetrySettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Retries after the first attempt; applied to reads only, never to writes.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off delay; later ones grow exponentially, all with jitter.</summary>
    public int BaseDelayMs { get; set; } = 25;
}

public sealed class CircuitBreakerSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Share of failed calls within the sampling window that opens the breaker.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls the window must hold before the ratio counts, so a single failure never opens it.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public int SamplingDurationMs { get; set; } = 5000;

    /// <summary>How long the breaker stays open before a probe call is let through (half-open).</summary>
    public int BreakDurationMs { get; set; } = 3000;
}

public sealed class ConcurrencyLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Calls in flight at once; for PostgreSQL keep it at or below the pool size.</summary>
    public int PermitLimit { get; set; } = 24;

    /// <summary>Calls that may wait for a permit (bounded by the request budget); beyond that, 503 at once.</summary>
    public int QueueLimit { get; set; } = 100;
}
