using HdrHistogram;
using Resilience.Load.Scenarios;

namespace Resilience.Load.Metrics;

/// <summary>
/// Completions of one scope (a second of the timeline, or a step) by outcome, with latency from the intended
/// start and service time from the actual send. Many threads record at once.
/// </summary>
internal class OutcomeCounters(Func<HistogramBase> createHistogram)
{
    public OutcomeCounters()
        : this(LatencyHistograms.CreateConcurrent)
    {
    }

    public long Completed;
    public long Ok;
    public long Degraded;
    public long Errors;

    public KindCounter ErrorsByKind { get; } = new();

    public KindCounter DegradedByKind { get; } = new();

    public HistogramBase Latency { get; } = createHistogram();

    public HistogramBase ServiceTime { get; } = createHistogram();

    public void Record(StepResult result, long latencyMicroseconds, long serviceMicroseconds)
    {
        LatencyHistograms.Record(Latency, latencyMicroseconds);
        LatencyHistograms.Record(ServiceTime, serviceMicroseconds);
        Interlocked.Increment(ref Completed);
        switch (result.Outcome)
        {
            case StepOutcome.Ok:
                Interlocked.Increment(ref Ok);
                break;
            case StepOutcome.Degraded:
                Interlocked.Increment(ref Degraded);
                DegradedByKind.Increment(result.Kind ?? StepResult.DefaultDegradedKind);
                break;
            default:
                Interlocked.Increment(ref Errors);
                ErrorsByKind.Increment(result.Kind ?? "error");
                break;
        }
    }

    protected void ResetOutcomes()
    {
        Completed = Ok = Degraded = Errors = 0;
        ErrorsByKind.Clear();
        DegradedByKind.Clear();
        Latency.Reset();
        ServiceTime.Reset();
    }
}
