using HdrHistogram;
using Resilience.Load.Engine;
using Resilience.Load.Records;
using Resilience.Load.Results;
using Resilience.Load.Thresholds;

namespace Resilience.Load.Metrics;

/// <summary>
/// Off the hot path: closes each second once it is over, turns its slot into a <see cref="TimelineSecond"/>,
/// folds it into the whole-run histograms and totals, feeds thresholds and progress, and asks for an abort
/// when an abort-on-fail threshold fails.
/// </summary>
internal sealed class TimelineAggregator
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly RunMetrics _metrics;
    private readonly RunClock _clock;
    private readonly InFlightTracker _inFlight;
    private readonly ThresholdTracker _thresholds;
    private readonly Action<CheckResult> _abort;
    private readonly List<TimelineSecond> _timeline = [];
    private readonly HistogramBase _latency = LatencyHistograms.Create();
    private readonly HistogramBase _serviceTime = LatencyHistograms.Create();
    private readonly Dictionary<string, long> _errorsByKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _degradedByKind = new(StringComparer.Ordinal);
    private ProgressWindow? _progress;
    private long _nextSecond;
    private bool _abortRequested;

    public TimelineAggregator(
        RunMetrics metrics,
        RunClock clock,
        InFlightTracker inFlight,
        ThresholdTracker thresholds,
        ProgressWindow? progress,
        Action<CheckResult> abort)
    {
        _metrics = metrics;
        _clock = clock;
        _inFlight = inFlight;
        _thresholds = thresholds;
        _progress = progress;
        _abort = abort;
    }

    public event Action<TimelineSecond>? SecondClosed;

    public IReadOnlyList<TimelineSecond> Timeline => _timeline;

    public HistogramBase Latency => _latency;

    public HistogramBase ServiceTime => _serviceTime;

    public IReadOnlyDictionary<string, long> ErrorsByKind => _errorsByKind;

    public IReadOnlyDictionary<string, long> DegradedByKind => _degradedByKind;

    public async Task RunUntilAsync(Task finished)
    {
        while (!finished.IsCompleted)
        {
            await Task.WhenAny(finished, Task.Delay(PollInterval)).ConfigureAwait(false);
            CloseDueSeconds(_clock.Now);
        }
    }

    /// <summary>Closes every second that is over, scheduled through and past its grace.</summary>
    public void CloseDueSeconds(long nowTicks)
    {
        while (_metrics.TryClose(_nextSecond, nowTicks, force: false) is { } slot)
        {
            Take(slot, lengthSeconds: 1);
        }
    }

    /// <summary>After the run: stops recording and closes every second up to <paramref name="endTicks"/>.</summary>
    public void CloseRemaining(long endTicks)
    {
        _metrics.Stop();
        var lastSecond = (endTicks - 1) / RunClock.TicksPerSecond;
        while (_nextSecond <= lastSecond)
        {
            var length = Math.Min(1, (endTicks - (_nextSecond * RunClock.TicksPerSecond)) / (double)RunClock.TicksPerSecond);
            Take(_metrics.TryClose(_nextSecond, endTicks, force: true)!, length);
        }
    }

    private void Take(SecondSlot slot, double lengthSeconds)
    {
        var errorsByKind = slot.ErrorsByKind.Snapshot();
        var row = new TimelineSecond(
            Second: (int)_nextSecond,
            Start: _clock.ToDateTime(_nextSecond * RunClock.TicksPerSecond),
            Attempted: slot.Attempted,
            Started: slot.Started,
            Completed: slot.Completed,
            Ok: slot.Ok,
            Degraded: slot.Degraded,
            Errors: slot.Errors,
            ErrorsByKind: errorsByKind,
            Dropped: slot.Dropped,
            InFlight: slot.InFlightAtEnd >= 0 ? slot.InFlightAtEnd : _inFlight.Current,
            P50Ms: LatencyHistograms.PercentileMs(slot.Latency, 50),
            P95Ms: LatencyHistograms.PercentileMs(slot.Latency, 95),
            P99Ms: LatencyHistograms.PercentileMs(slot.Latency, 99),
            MaxMs: LatencyHistograms.MaxMs(slot.Latency));
        _timeline.Add(row);
        _latency.Add(slot.Latency);
        _serviceTime.Add(slot.ServiceTime);
        KindCounter.AddInto(_errorsByKind, errorsByKind);
        KindCounter.AddInto(_degradedByKind, slot.DegradedByKind.Snapshot());
        _thresholds.Add(row, lengthSeconds, slot.Latency);
        ReportProgress(row, lengthSeconds, slot.Latency);
        RunMetrics.Recycle(slot);
        _nextSecond++;
        Publish(row);
        if (!_abortRequested && _thresholds.FirstAbortFailure() is { } failure)
        {
            _abortRequested = true;
            _abort(failure);
        }
    }

    public LoadTotals Totals(long interrupted, long peakInFlight) => new(
        Attempted: _timeline.Sum(second => second.Attempted),
        Started: _timeline.Sum(second => second.Started),
        Completed: _timeline.Sum(second => second.Completed),
        Ok: _timeline.Sum(second => second.Ok),
        Degraded: _timeline.Sum(second => second.Degraded),
        Errors: _timeline.Sum(second => second.Errors),
        Dropped: _timeline.Sum(second => second.Dropped),
        Interrupted: interrupted,
        PeakInFlight: peakInFlight);

    /// <summary>A failing progress sink (e.g. a test output after its test ended) must not end the run.</summary>
    private void ReportProgress(TimelineSecond row, double lengthSeconds, HistogramBase latency)
    {
        try
        {
            _progress?.Add(row, lengthSeconds, latency);
        }
        catch (Exception)
        {
            _progress = null;
        }
    }

    private void Publish(TimelineSecond row)
    {
        try
        {
            SecondClosed?.Invoke(row);
        }
        catch (Exception)
        {
            // an observer's bug must not stop the measurement; the result still has every second
        }
    }
}
