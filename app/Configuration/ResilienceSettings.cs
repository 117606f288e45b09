namespace Resilience.App.Configuration;

/// <summary>
/// The <c>Resilience</c> section: one set of strategies per dependency, the request budget that bounds them all,
/// and the degradation switches. Every strategy can be turned off, which is how the suites build negative controls.
/// </summary>
public sealed class ResilienceSettings
{
    public const string Section = "Resilience";

    /// <summary>Wall-clock budget of one request; every dependency call of the request shares it.</summary>
    public int RequestBudgetMs { get; set; } = 1000;

    public Switch RequestBudget { get; set; } = new();

    /// <summary>PostgreSQL failing, slow or its breaker open: answer a read from the stale cached copy.</summary>
    public Switch StaleFallback { get; set; } = new();

    /// <summary>Redis failing or its breaker open: go straight to PostgreSQL instead of failing the request.</summary>
    public Switch CacheBypass { get; set; } = new();

    /// <summary>Deduplicate <c>POST /orders</c> by its <c>Idempotency-Key</c>; off, every post inserts a row.</summary>
    public Switch Idempotency { get; set; } = new();

    /// <summary>Price service failing: use <see cref="ExternalSettings.FallbackUnitPriceCents"/> instead of failing.</summary>
    public Switch PriceFallback { get; set; } = new();

    public DependencyResilienceSettings Postgres { get; set; } = DependencyResilienceSettings.ForPostgres();

    public DependencyResilienceSettings Redis { get; set; } = DependencyResilienceSettings.ForRedis();

    public DependencyResilienceSettings External { get; set; } = DependencyResilienceSettings.ForExternal();

    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan RequestBudgetDuration => TimeSpan.FromMilliseconds(RequestBudgetMs);

    public DependencyResilienceSettings For(string dependency) => dependency switch
    {
        App.Resilience.Dependency.Postgres => Postgres,
        App.Resilience.Dependency.Redis => Redis,
        App.Resilience.Dependency.Pricing => External,
        _ => throw new ArgumentOutOfRangeException(nameof(dependency), dependency, "unknown dependency"),
    };
}

/// <summary>An on/off switch; every strategy defaults to on.</summary>
public sealed class Switch
{
    public bool Enabled { get; set; } = true;
}
