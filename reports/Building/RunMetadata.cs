namespace Resilience.Reports.Building;

/// <summary>
/// What the run records do not say about the run: where it ran and on what. The CLI fills it from
/// its options and the environment (<c>resilience-report</c>, in reports/cli); tests set it directly.
/// </summary>
public sealed record RunMetadata
{
    /// <summary>The output folder's name; null picks a UTC timestamp.</summary>
    public string? RunId { get; init; }

    /// <summary>The environment provider the suites ran on: local, containers or external.</summary>
    public string EnvironmentProvider { get; init; } = "local";

    /// <summary>Null takes the records' own profile.</summary>
    public string? Profile { get; init; }

    /// <summary>Null takes the records' seed when they all share one.</summary>
    public long? Seed { get; init; }

    /// <summary>The PostgreSQL version the run measured, e.g. "postgres (PostgreSQL) 17.2"; null when not known.</summary>
    public string? PostgresVersion { get; init; }

    /// <summary>The Redis version the run measured; null when not known.</summary>
    public string? RedisVersion { get; init; }

    /// <summary>The test harness's version; null when not known.</summary>
    public string? HarnessVersion { get; init; }

    /// <summary>The commit the run was built from; null when not known.</summary>
    public string? GitCommit { get; init; }

    /// <summary>The report's timestamp, and the default run id's; the time this metadata was created unless set.</summary>
    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;
}
