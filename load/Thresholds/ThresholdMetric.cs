using System.Globalization;

namespace Resilience.Load.Thresholds;

public enum ThresholdMetricKind
{
    /// <summary>A latency percentile, <see cref="ThresholdMetric.Percentile"/> in (0, 100].</summary>
    Percentile,
    MaxLatency,
    MinLatency,
    MeanLatency,
    /// <summary>Errors / completed iterations.</summary>
    ErrorRate,
    /// <summary>Degraded / completed iterations.</summary>
    DegradedRate,
    /// <summary>Dropped / attempted iterations (open model, beyond max-in-flight).</summary>
    DroppedRate,
    /// <summary>Completed iterations per second.</summary>
    Rate,
}

/// <summary>What a threshold measures. Latencies are from the intended start, in milliseconds.</summary>
public readonly record struct ThresholdMetric(ThresholdMetricKind Kind, double Percentile = 0)
{
    public bool IsLatency => Kind is ThresholdMetricKind.Percentile or ThresholdMetricKind.MaxLatency
        or ThresholdMetricKind.MinLatency or ThresholdMetricKind.MeanLatency;

    public bool IsFraction => Kind is ThresholdMetricKind.ErrorRate or ThresholdMetricKind.DegradedRate
        or ThresholdMetricKind.DroppedRate;

    public override string ToString() => Kind switch
    {
        ThresholdMetricKind.Percentile => $"p({Percentile.ToString(CultureInfo.InvariantCulture)})",
        ThresholdMetricKind.MaxLatency => "max",
        ThresholdMetricKind.MinLatency => "min",
        ThresholdMetricKind.MeanLatency => "avg",
        ThresholdMetricKind.ErrorRate => "error_rate",
        ThresholdMetricKind.DegradedRate => "degraded_rate",
        ThresholdMetricKind.DroppedRate => "dropped_rate",
        _ => "rate",
    };

    /// <summary>A value of this metric as people read it: "183.2ms", "0.05%", "1999.5/s".</summary>
    public string Format(double value) =>
        IsLatency ? $"{value.ToString("0.###", CultureInfo.InvariantCulture)}ms"
        : IsFraction ? $"{(value * 100).ToString("0.####", CultureInfo.InvariantCulture)}%"
        : $"{value.ToString("0.##", CultureInfo.InvariantCulture)}/s";
}
