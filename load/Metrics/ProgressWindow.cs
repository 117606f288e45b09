using HdrHistogram;
using Resilience.Load.Records;

namespace Resilience.Load.Metrics;

/// <summary>Collects closed seconds between two progress reports.</summary>
internal sealed class ProgressWindow(string scenario, IProgress<LoadProgress> progress, TimeSpan interval)
{
    private readonly HistogramBase _latency = LatencyHistograms.Create();
    private long _completed;
    private long _errors;
    private long _dropped;
    private double _seconds;
    private long _totalCompleted;

    public void Add(TimelineSecond second, double lengthSeconds, HistogramBase latency)
    {
        _latency.Add(latency);
        _completed += second.Completed;
        _errors += second.Errors;
        _dropped += second.Dropped;
        _seconds += lengthSeconds;
        _totalCompleted += second.Completed;
        if (_seconds + 1e-9 >= interval.TotalSeconds)
        {
            Flush(TimeSpan.FromSeconds(second.Second + lengthSeconds), second.InFlight);
        }
    }

    private void Flush(TimeSpan elapsed, long inFlight)
    {
        progress.Report(new LoadProgress(
            scenario,
            elapsed,
            CompletedPerSecond: _completed / _seconds,
            P95Ms: LatencyHistograms.PercentileMs(_latency, 95),
            _errors,
            ErrorRate: _completed == 0 ? 0 : _errors / (double)_completed,
            _dropped,
            inFlight,
            _totalCompleted));
        _latency.Reset();
        _completed = _errors = _dropped = 0;
        _seconds = 0;
    }
}
