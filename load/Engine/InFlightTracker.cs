namespace Resilience.Load.Engine;

/// <summary>
/// Counts iterations in flight, keeps the peak, and signals when the last one finishes after the schedule is
/// closed. Enter/close use full fences (Interlocked) on both sides, so no iteration can slip in unseen
/// after <see cref="Close"/>.
/// </summary>
internal sealed class InFlightTracker
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _inFlight;
    private long _peak;
    private int _closed;

    public long Current => Volatile.Read(ref _inFlight);

    public long Peak => Volatile.Read(ref _peak);

    public Task Drained => _drained.Task;

    /// <summary>The open-model scheduler is the only caller, so check-then-increment cannot overshoot.</summary>
    public bool TryEnterScheduled(long maxInFlight)
    {
        if (Volatile.Read(ref _inFlight) >= maxInFlight)
        {
            return false;
        }

        RaisePeak(Interlocked.Increment(ref _inFlight));
        return true;
    }

    /// <summary>Virtual users enter concurrently; refused once the run is closing.</summary>
    public bool TryEnterVirtualUser()
    {
        var current = Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _closed) != 0)
        {
            Exit();
            return false;
        }

        RaisePeak(current);
        return true;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _closed) != 0)
        {
            _drained.TrySetResult();
        }
    }

    public void Close()
    {
        Interlocked.Exchange(ref _closed, 1);
        if (Interlocked.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }

    private void RaisePeak(long current)
    {
        var peak = Volatile.Read(ref _peak);
        while (current > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, current, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }
}
