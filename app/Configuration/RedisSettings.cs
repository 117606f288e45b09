namespace Resilience.App.Configuration;

/// <summary>The <c>Redis</c> section: client timeouts layered over <c>ConnectionStrings:Redis</c>, kept short.</summary>
public sealed class RedisSettings
{
    public const string Section = "Redis";

    public int ConnectTimeoutMs { get; set; } = 1000;

    public int SyncTimeoutMs { get; set; } = 500;

    public int AsyncTimeoutMs { get; set; } = 500;

    /// <summary>A cached order younger than this is served without asking PostgreSQL; 0 makes every read go to PostgreSQL.</summary>
    public int FreshForMs { get; set; } = 2000;

    /// <summary>How long a cached order survives in Redis; this is how old a stale answer may be.</summary>
    public int KeepForSeconds { get; set; } = 3600;
}
