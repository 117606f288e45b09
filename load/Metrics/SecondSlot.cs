namespace Resilience.Load.Metrics;

/// <summary>
/// The live counters of one second of the timeline. A small ring of slots is reused: a slot is read once its
/// second is over (plus a grace) and then reset for the second it will hold next.
/// </summary>
internal sealed class SecondSlot() : OutcomeCounters(LatencyHistograms.CreateConcurrentForOneSecond)
{
    public long Attempted;
    public long Started;
    public long Dropped;

    /// <summary>In flight when the scheduler crossed the end of this second; -1 until then.</summary>
    public long InFlightAtEnd = -1;

    public void Reset()
    {
        ResetOutcomes();
        Attempted = Started = Dropped = 0;
        InFlightAtEnd = -1;
    }
}
