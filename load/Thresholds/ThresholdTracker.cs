using HdrHistogram;
using Resilience.Load.Records;

namespace Resilience.Load.Thresholds;

/// <summary>All thresholds of a run: fed each closed second, asked for abort failures, judged at the end.</summary>
internal sealed class ThresholdTracker
{
    private readonly ThresholdWindow[] _windows;

    public ThresholdTracker(IEnumerable<Threshold> thresholds)
    {
        _windows = thresholds.Select(threshold => new ThresholdWindow(threshold)).ToArray();
    }

    public void Add(TimelineSecond second, double lengthSeconds, HistogramBase latency)
    {
        foreach (var window in _windows)
        {
            window.Add(second, lengthSeconds, latency);
        }
    }

    /// <summary>The first abort-on-fail threshold that fails on the data so far, if any.</summary>
    public CheckResult? FirstAbortFailure()
    {
        foreach (var window in _windows)
        {
            if (window.Threshold.AbortOnFail && window.ReadyForAbortCheck && window.Evaluate() is { Passed: false } failure)
            {
                return failure;
            }
        }

        return null;
    }

    public IReadOnlyList<CheckResult> EvaluateAll() => _windows.Select(window => window.Evaluate()).ToList();
}
