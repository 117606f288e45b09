namespace Resilience.Load;

/// <summary>How a load test runs, apart from its scenario, simulations and thresholds.</summary>
public sealed record LoadTestOptions
{
    /// <summary>Seed of every random choice (step mix, think times, the steps' own Random); null picks one, reported in the result.</summary>
    public long? Seed { get; init; }

    /// <summary>Open model: at most this many iterations in flight; arrivals beyond it are dropped and counted.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>After the last simulation, how long to wait for running iterations before cancelling them.</summary>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often progress is reported (whole seconds of the timeline).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (MaxInFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInFlight), MaxInFlight, "MaxInFlight must be at least 1.");
        }

        if (GracefulStop < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(GracefulStop), GracefulStop, "GracefulStop must not be negative.");
        }

        if (ProgressInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "ProgressInterval must be at least 1s.");
        }
    }
}
