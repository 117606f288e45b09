using Resilience.Load.Engine;
using Resilience.Load.Metrics;
using Resilience.Load.Records;
using Resilience.Load.Results;
using Resilience.Load.Simulations;
using Resilience.Load.Thresholds;

namespace Resilience.Load;

/// <summary>
/// A load test in progress. Attach annotations while it runs (fault windows, breaker transitions), watch
/// seconds close, stop it early, and await <see cref="Completion"/> for the result. Disposing stops it.
/// </summary>
public sealed class LoadRun : IAsyncDisposable
{
    private readonly LoadTest _test;
    private readonly RunClock _clock = new();
    private readonly RunMetrics _metrics;
    private readonly InFlightTracker _inFlight = new();
    private readonly AnnotationLog _annotations = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _interrupt;
    private readonly CancellationTokenRegistration _cancellation;
    private readonly CancellationToken _cancellationToken;
    private readonly RunDriver _driver;
    private readonly ThresholdTracker _thresholds;
    private readonly TimelineAggregator _aggregator;
    private string? _abortReason;

    internal LoadRun(LoadTest test, CancellationToken cancellationToken)
    {
        _test = test;
        _cancellationToken = cancellationToken;
        _interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _metrics = new RunMetrics(test.Scenario.Steps.Count);
        var runner = new IterationRunner(test.Scenario, _metrics, _inFlight, _clock, test.Seed, _interrupt.Token);
        var users = new VirtualUserPool(MaxCopies(test.Phases), runner, _inFlight, _stop.Token);
        _driver = new RunDriver(
            test.Phases, _clock, _metrics, _inFlight, runner, users, _annotations,
            test.Options.MaxInFlight, test.Options.GracefulStop, _stop, _interrupt);
        var progress = test.Progress is null ? null : new ProgressWindow(test.Scenario.Name, test.Progress, test.Options.ProgressInterval);
        _thresholds = new ThresholdTracker(test.Thresholds);
        _aggregator = new TimelineAggregator(
            _metrics, _clock, _inFlight, _thresholds, progress,
            failure => Stop($"threshold '{failure.Name}' failed: {failure.Actual} (expected {failure.Expected})"));
        _aggregator.SecondClosed += second => SecondCompleted?.Invoke(second);
        _cancellation = cancellationToken.Register(() => Stop("cancelled"));
        _driver.Start();
        Completion = CompleteAsync();
    }

    /// <summary>Raised (on the aggregation thread) for each second of the timeline once it is closed.</summary>
    public event Action<TimelineSecond>? SecondCompleted;

    /// <summary>The name of the scenario being run.</summary>
    public string Scenario => _test.Scenario.Name;

    /// <summary>The seed of every random choice in this run; running the same test with it replays them.</summary>
    public long Seed => _test.Seed;

    /// <summary>When the run started (second 0 of the timeline).</summary>
    public DateTimeOffset StartedAt => _clock.StartedAt;

    /// <summary>Time since <see cref="StartedAt"/> on the run's clock.</summary>
    public TimeSpan Elapsed => RunClock.ToTimeSpan(_clock.Now);

    /// <summary>The current time on the run's clock; use it to stamp annotations that line up with the timeline.</summary>
    public DateTimeOffset Now => _clock.ToDateTime(_clock.Now);

    /// <summary>Iterations running now.</summary>
    public long InFlight => _inFlight.Current;

    /// <summary>The result once the run has ended: all simulations done, or stopped (by <see cref="Stop"/>, a failed
    /// abort-on-fail threshold or disposal). Cancelling the token given to <see cref="LoadTest.Start"/> makes it throw
    /// <see cref="OperationCanceledException"/>.</summary>
    public Task<LoadResult> Completion { get; }

    /// <summary>Adds an annotation (a mark or a window with its own times) to the result's timeline.</summary>
    /// <param name="annotation">Stamped on the run's clock (<see cref="Now"/>) so it lines up with the timeline.</param>
    public void Annotate(Annotation annotation) => _annotations.Add(annotation);

    /// <summary>An instant mark at <see cref="Now"/>.</summary>
    public Annotation Annotate(string kind, string label, string? subject = null)
    {
        var annotation = new Annotation(kind, label, subject, Now, End: null);
        _annotations.Add(annotation);
        return annotation;
    }

    /// <summary>Opens a window at <see cref="Now"/>; end it with <see cref="AnnotationWindow.End()"/> (or dispose). Closed at the run's end otherwise.</summary>
    public AnnotationWindow BeginWindow(string kind, string label, string? subject = null) =>
        new(_annotations, _annotations.Open(kind, label, subject, Now), () => Now);

    /// <summary>Stops starting iterations; running ones get the graceful-stop time to finish. The first reason is kept.</summary>
    public void Stop(string reason = "stopped on request")
    {
        if (_stop.IsCancellationRequested)
        {
            return; // already stopping, or every simulation has run (the driver cancels then): nothing is cut short
        }

        Interlocked.CompareExchange(ref _abortReason, reason, null);
        _stop.Cancel();
    }

    /// <summary>Stops the run if it is still going and waits for it to end; an error of the run is left to <see cref="Completion"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            Stop("disposed before the end");
        }

        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the owner who wanted the outcome awaited Completion; disposing only has to end the run
        }

        await _cancellation.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _interrupt.Dispose();
    }

    private async Task<LoadResult> CompleteAsync()
    {
        var aggregation = _aggregator.RunUntilAsync(_driver.Finished);
        var endTicks = await _driver.Finished.ConfigureAwait(false);
        await aggregation.ConfigureAwait(false);
        _aggregator.CloseRemaining(endTicks);
        _cancellationToken.ThrowIfCancellationRequested();
        return BuildResult(endTicks);
    }

    private LoadResult BuildResult(long endTicks)
    {
        var endedAt = _clock.ToDateTime(endTicks);
        var steps = _test.Scenario.Steps
            .Select((step, index) => StepStatisticsOf(step.Name, step.Weight, _metrics.Steps[index]))
            .ToList();
        return new LoadResult(
            Scenario: _test.Scenario.Name,
            Seed: _test.Seed,
            StartedAt: _clock.StartedAt,
            EndedAt: endedAt,
            Simulations: _test.Plan,
            Totals: _aggregator.Totals(interrupted: _inFlight.Current, peakInFlight: _inFlight.Peak),
            Latency: LatencyHistograms.Summarize(_aggregator.Latency),
            ServiceTime: LatencyHistograms.Summarize(_aggregator.ServiceTime),
            Steps: steps,
            ErrorsByKind: new Dictionary<string, long>(_aggregator.ErrorsByKind),
            DegradedByKind: new Dictionary<string, long>(_aggregator.DegradedByKind),
            Timeline: _aggregator.Timeline.ToList(),
            Annotations: _annotations.Snapshot(endedAt),
            Thresholds: _thresholds.EvaluateAll(),
            AbortReason: Volatile.Read(ref _abortReason));
    }

    private static StepStatistics StepStatisticsOf(string name, double weight, OutcomeCounters counters) => new(
        name,
        weight,
        counters.Completed,
        counters.Ok,
        counters.Degraded,
        counters.Errors,
        counters.ErrorsByKind.Snapshot(),
        counters.DegradedByKind.Snapshot(),
        LatencyHistograms.Summarize(counters.Latency),
        LatencyHistograms.Summarize(counters.ServiceTime));

    /// <summary>Virtual-user slots the closed-model phases can ask for at most.</summary>
    private static int MaxCopies(IEnumerable<LoadPhase> phases) =>
        phases.OfType<ClosedPhase>().Select(phase => Math.Max(phase.FromCopies, phase.ToCopies)).DefaultIfEmpty(0).Max();
}
