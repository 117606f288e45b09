using HdrHistogram.Utilities;
using Resilience.Load.Engine;
using Resilience.Load.Scenarios;

namespace Resilience.Load.Metrics;

/// <summary>
/// The hot path's only entry: iterations record here, lock-free. Each record goes to the slot of its own
/// second (intended start for attempts, completion time for outcomes), so the timeline attributes exactly.
/// The aggregator closes a second once the scheduler has passed it and a grace has elapsed; a
/// writer-reader phaser (HdrHistogram's, the one its Recorder uses) guarantees no writer is still inside a
/// slot being read, and a record that arrives for an already-closed second moves to the first open one.
/// </summary>
internal sealed class RunMetrics
{
    /// <summary>Seconds of slots: the aggregator (which closes a second 0.25 s after its end) may trail this far.</summary>
    private const int RingSize = 8;

    /// <summary>Wait after a second ends before closing it, for completions timestamped just before the edge.</summary>
    private static readonly long CloseGraceTicks = RunClock.ToTicks(TimeSpan.FromMilliseconds(250));

    private readonly SecondSlot[] _slots = new SecondSlot[RingSize];
    private readonly WriterReaderPhaser _phaser = new();
    private long _closedThrough = -1;
    private long _scheduledThrough = -1;
    private int _stopped;

    public RunMetrics(int stepCount)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new SecondSlot();
        }

        Steps = new OutcomeCounters[stepCount];
        for (var i = 0; i < stepCount; i++)
        {
            Steps[i] = new OutcomeCounters();
        }
    }

    /// <summary>Per-step totals; read them after <see cref="Stop"/>.</summary>
    public OutcomeCounters[] Steps { get; }

    /// <summary>Open model: one scheduled arrival, admitted (started) or dropped at max-in-flight.</summary>
    public void RecordScheduled(long intendedTicks, bool admitted)
    {
        var phase = _phaser.WriterCriticalSectionEnter();
        try
        {
            var slot = SlotFor(RunClock.SecondOf(intendedTicks));
            Interlocked.Increment(ref slot.Attempted);
            Interlocked.Increment(ref admitted ? ref slot.Started : ref slot.Dropped);
        }
        finally
        {
            _phaser.WriterCriticalSectionExit(phase);
        }
    }

    /// <summary>Closed model: a virtual user began an iteration.</summary>
    public void RecordStarted(long startTicks)
    {
        var phase = _phaser.WriterCriticalSectionEnter();
        try
        {
            var slot = SlotFor(RunClock.SecondOf(startTicks));
            Interlocked.Increment(ref slot.Attempted);
            Interlocked.Increment(ref slot.Started);
        }
        finally
        {
            _phaser.WriterCriticalSectionExit(phase);
        }
    }

    public void RecordCompletion(int step, long intendedTicks, long sentTicks, long completedTicks, StepResult result)
    {
        var latency = RunClock.ToMicroseconds(completedTicks - intendedTicks);
        var serviceTime = RunClock.ToMicroseconds(completedTicks - sentTicks);
        var phase = _phaser.WriterCriticalSectionEnter();
        try
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                return; // finished after the run was closed: counted as interrupted, not here
            }

            SlotFor(RunClock.SecondOf(completedTicks)).Record(result, latency, serviceTime);
            Steps[step].Record(result, latency, serviceTime);
        }
        finally
        {
            _phaser.WriterCriticalSectionExit(phase);
        }
    }

    /// <summary>
    /// The scheduler crossed the end of <paramref name="second"/>: everything due in it has been released.
    /// Called in order, from the scheduler thread only.
    /// </summary>
    public void MarkSecondEnd(long second, long inFlight)
    {
        _slots[second % RingSize].InFlightAtEnd = inFlight;
        Volatile.Write(ref _scheduledThrough, second);
    }

    /// <summary>
    /// Closes <paramref name="second"/> if it is over (or <paramref name="force"/>) and returns its slot for reading;
    /// hand it back with <see cref="Recycle"/>. Seconds must be closed in order.
    /// </summary>
    public SecondSlot? TryClose(long second, long nowTicks, bool force)
    {
        var due = Volatile.Read(ref _scheduledThrough) >= second
                  && nowTicks >= ((second + 1) * RunClock.TicksPerSecond) + CloseGraceTicks;
        if (!force && !due)
        {
            return null;
        }

        Volatile.Write(ref _closedThrough, second);
        WaitForWritersToLeave();
        return _slots[second % RingSize];
    }

    public static void Recycle(SecondSlot slot) => slot.Reset();

    /// <summary>No more records after this returns; late completions are dropped (reported as interrupted).</summary>
    public void Stop()
    {
        Interlocked.Exchange(ref _stopped, 1);
        WaitForWritersToLeave();
    }

    /// <summary>
    /// The slot of <paramref name="second"/>, kept inside the open part of the ring: a record for a closed second
    /// goes to the first open one, and one too far ahead (only if the aggregator stalled for seconds) to the
    /// last slot that is not still waiting to be read.
    /// </summary>
    private SecondSlot SlotFor(long second)
    {
        var closedThrough = Volatile.Read(ref _closedThrough);
        return _slots[Math.Clamp(second, closedThrough + 1, closedThrough + RingSize - 1) % RingSize];
    }

    private void WaitForWritersToLeave()
    {
        _phaser.ReaderLock();
        try
        {
            _phaser.FlipPhase();
        }
        finally
        {
            _phaser.ReaderUnlock();
        }
    }
}
