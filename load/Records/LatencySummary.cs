namespace Resilience.Load.Records;

/// <summary>Distribution of one latency measure over a run, a step or a window. Milliseconds.</summary>
/// <param name="Count">Samples measured; 0 leaves every other figure 0.</param>
/// <param name="MinMs">Shortest sample.</param>
/// <param name="MeanMs">Arithmetic mean.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">Longest sample.</param>
public sealed record LatencySummary(
    long Count,
    double MinMs,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs)
{
    /// <summary>The summary of no samples: count and every figure 0.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
