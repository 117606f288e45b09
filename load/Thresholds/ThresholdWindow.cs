using HdrHistogram;
using Resilience.Load.Metrics;
using Resilience.Load.Records;

namespace Resilience.Load.Thresholds;

/// <summary>Accumulates the seconds of one threshold's window as the run goes, and judges it.</summary>
internal sealed class ThresholdWindow
{
    private readonly HistogramBase? _latency;
    private long _attempted;
    private long _completed;
    private long _errors;
    private long _degraded;
    private long _dropped;
    private double _seconds;

    public ThresholdWindow(Threshold threshold)
    {
        Threshold = threshold;
        _latency = threshold.Metric.IsLatency ? LatencyHistograms.Create() : null;
    }

    public Threshold Threshold { get; }

    /// <summary>Adds one closed second of the timeline if it lies inside the window.</summary>
    public void Add(TimelineSecond second, double lengthSeconds, HistogramBase latency)
    {
        const double epsilon = 1e-9;
        var start = second.Second;
        if (start + epsilon < Threshold.From.TotalSeconds
            || (Threshold.To is { } to && start + 1 > to.TotalSeconds + epsilon))
        {
            return;
        }

        _attempted += second.Attempted;
        _completed += second.Completed;
        _errors += second.Errors;
        _degraded += second.Degraded;
        _dropped += second.Dropped;
        _seconds += lengthSeconds;
        _latency?.Add(latency);
    }

    /// <summary>Whether enough of the window has run to judge it for an abort.</summary>
    public bool ReadyForAbortCheck => _seconds > 0 && _seconds + 1e-9 >= Threshold.AbortDelay.TotalSeconds && TryMeasure(out _);

    public CheckResult Evaluate()
    {
        var expected = Threshold.Describe();
        if (!TryMeasure(out var actual))
        {
            return new CheckResult(Threshold.Text, Passed: false, expected, "no data in the window");
        }

        var passed = Threshold.Operator.Holds(actual, Threshold.Limit);
        return new CheckResult(Threshold.Text, passed, expected, Threshold.Metric.Format(actual));
    }

    private bool TryMeasure(out double actual)
    {
        var metric = Threshold.Metric;
        actual = 0;
        switch (metric.Kind)
        {
            case ThresholdMetricKind.ErrorRate or ThresholdMetricKind.DegradedRate:
                if (_completed == 0)
                {
                    return false;
                }

                actual = (metric.Kind == ThresholdMetricKind.ErrorRate ? _errors : _degraded) / (double)_completed;
                return true;
            case ThresholdMetricKind.DroppedRate:
                if (_attempted == 0)
                {
                    return false;
                }

                actual = _dropped / (double)_attempted;
                return true;
            case ThresholdMetricKind.Rate:
                if (_seconds <= 0)
                {
                    return false;
                }

                actual = _completed / _seconds;
                return true;
            default:
                if (_latency is null || _latency.TotalCount == 0)
                {
                    return false;
                }

                actual = metric.Kind switch
                {
                    ThresholdMetricKind.MaxLatency => LatencyHistograms.MaxMs(_latency),
                    ThresholdMetricKind.MinLatency => LatencyHistograms.Summarize(_latency).MinMs,
                    ThresholdMetricKind.MeanLatency => _latency.GetMean() / 1000.0,
                    _ => LatencyHistograms.PercentileMs(_latency, metric.Percentile),
                };
                return true;
        }
    }
}
