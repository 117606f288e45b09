namespace Resilience.App.Configuration;

/// <summary>Checks the settings as a whole and names each bad key the way it is spelled in configuration.</summary>
public static class SettingsValidation
{
    public static IReadOnlyList<string> Problems(AppSettings settings)
    {
        var problems = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok) problems.Add(message);
        }

        Require(settings.PostgresConnectionString.Length > 0, "ConnectionStrings:Postgres is required");
        Require(settings.RedisConfiguration.Length > 0, "ConnectionStrings:Redis is required");
        Require(Uri.TryCreate(settings.External.BaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https",
            "External:BaseUrl must be an absolute http(s) URL");
        Require(settings.External.FallbackUnitPriceCents >= 0, "External:FallbackUnitPriceCents must be >= 0");

        var pg = settings.Postgres;
        Require(pg.MaxPoolSize is >= 1 and <= 1000, "Postgres:MaxPoolSize must be within 1..1000");
        Require(pg.WarmUpConnections is >= 0 and <= 1000, "Postgres:WarmUpConnections must be within 0..1000");
        Require(pg.ConnectTimeoutSeconds is >= 1 and <= 600, "Postgres:ConnectTimeoutSeconds must be within 1..600");
        Require(pg.CommandTimeoutSeconds is >= 0 and <= 3600, "Postgres:CommandTimeoutSeconds must be within 0..3600");
        Require(pg.StatementTimeoutMs is >= 0 and <= 3_600_000, "Postgres:StatementTimeoutMs must be within 0..3600000");
        Require(pg.StartupTimeoutSeconds is >= 0 and <= 3600, "Postgres:StartupTimeoutSeconds must be within 0..3600");

        var redis = settings.Redis;
        Require(redis.ConnectTimeoutMs is >= 10 and <= 60_000, "Redis:ConnectTimeoutMs must be within 10..60000");
        Require(redis.SyncTimeoutMs is >= 10 and <= 60_000, "Redis:SyncTimeoutMs must be within 10..60000");
        Require(redis.AsyncTimeoutMs is >= 10 and <= 60_000, "Redis:AsyncTimeoutMs must be within 10..60000");
        Require(redis.FreshForMs >= 0, "Redis:FreshForMs must be >= 0");
        Require(redis.KeepForSeconds >= 1, "Redis:KeepForSeconds must be >= 1");

        var resilience = settings.Resilience;
        Require(resilience.RequestBudgetMs is >= 10 and <= 600_000, "Resilience:RequestBudgetMs must be within 10..600000");
        CheckDependency(resilience.Postgres, "Resilience:Postgres", Require);
        CheckDependency(resilience.Redis, "Resilience:Redis", Require);
        CheckDependency(resilience.External, "Resilience:External", Require);

        var limit = resilience.Postgres.ConcurrencyLimit;
        Require(!limit.Enabled || limit.PermitLimit <= pg.MaxPoolSize,
            $"Resilience:Postgres:ConcurrencyLimit:PermitLimit ({limit.PermitLimit}) must not exceed Postgres:MaxPoolSize ({pg.MaxPoolSize}): the limiter must shed load before the pool starves");
        return problems;
    }

    private static void CheckDependency(DependencyResilienceSettings d, string prefix, Action<bool, string> require)
    {
        require(d.AttemptTimeoutMs is >= 10 and <= 600_000, $"{prefix}:AttemptTimeoutMs must be within 10..600000");
        require(d.Retry.MaxRetries is >= 1 and <= 10, $"{prefix}:Retry:MaxRetries must be within 1..10 (switch retries off with {prefix}:Retry:Enabled=false)");
        require(d.Retry.BaseDelayMs is >= 0 and <= 10_000, $"{prefix}:Retry:BaseDelayMs must be within 0..10000");
        var cb = d.CircuitBreaker;
        require(cb.FailureRatio is > 0 and <= 1, $"{prefix}:CircuitBreaker:FailureRatio must be within (0, 1]");
        require(cb.MinimumThroughput >= 2, $"{prefix}:CircuitBreaker:MinimumThroughput must be >= 2");
        require(cb.SamplingDurationMs >= 500, $"{prefix}:CircuitBreaker:SamplingDurationMs must be >= 500");
        require(cb.BreakDurationMs >= 500, $"{prefix}:CircuitBreaker:BreakDurationMs must be >= 500");
        require(d.ConcurrencyLimit.PermitLimit >= 1, $"{prefix}:ConcurrencyLimit:PermitLimit must be >= 1");
        require(d.ConcurrencyLimit.QueueLimit >= 0, $"{prefix}:ConcurrencyLimit:QueueLimit must be >= 0");
    }
}
