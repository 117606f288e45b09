namespace Resilience.Load.Engine;

/// <summary>
/// Admitted open-model arrivals released together by one wake-up of the scheduler, started by one thread-pool
/// work item: one queue operation (and at most one worker wake-up) per batch instead of per arrival. Each
/// start runs the step only up to its first await, so a batch holds the next arrival back by microseconds,
/// and that delay is part of the measured latency (it counts from the intended start).
/// </summary>
internal sealed class ArrivalBatch(IterationRunner runner) : IThreadPoolWorkItem
{
    public const int Capacity = 16;

    private readonly long[] _dueTicks = new long[Capacity];
    private readonly long[] _arrivals = new long[Capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Add(long dueTicks, long arrival)
    {
        _dueTicks[Count] = dueTicks;
        _arrivals[Count] = arrival;
        Count++;
    }

    public void Execute()
    {
        for (var i = 0; i < Count; i++)
        {
            runner.StartScheduled(_dueTicks[i], _arrivals[i]);
        }
    }
}
