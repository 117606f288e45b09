using System.Globalization;

namespace Resilience.Load.Thresholds;

/// <summary>The kinds of figure a <see cref="Threshold"/> can bound.</summary>
public enum ThresholdMetricKind
{
    /// <summary>A latency percentile, <see cref="ThresholdMetric.Percentile"/> in (0, 100].</summary>
    Percentile,

    /// <summary>The longest latency (<c>max</c>).</summary>
    MaxLatency,

    /// <summary>The shortest latency (<c>min</c>).</summary>
    MinLatency,

    /// <summary>The mean latency (<c>avg</c>).</summary>
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
/// <param name="Kind">Which figure.</param>
/// <param name="Percentile">For <see cref="ThresholdMetricKind.Percentile"/>, which one, e.g. 95 or 99.9; 0 otherwise.</param>
public readonly record struct ThresholdMetric(ThresholdMetricKind Kind, double Percentile = 0)
{
    /// <summary>True for latency figures, whose limits are in milliseconds.</summary>
    public bool IsLatency => Kind is ThresholdMetricKind.Percentile or ThresholdMetricKind.MaxLatency
        or ThresholdMetricKind.MinLatency or ThresholdMetricKind.MeanLatency;

    /// <summary>True for rates of outcomes, whose limits are fractions (0.001 = 0.1 %).</summary>
    public bool IsFraction => Kind is ThresholdMetricKind.ErrorRate or ThresholdMetricKind.DegradedRate
        or ThresholdMetricKind.DroppedRate;

    /// <summary>The metric as written in a threshold: <c>p(95)</c>, <c>max</c>, <c>error_rate</c>, <c>rate</c> and so on.</summary>
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
