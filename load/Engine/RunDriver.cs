using Resilience.Load.Metrics;
using Resilience.Load.Simulations;

namespace Resilience.Load.Engine;

/// <summary>
/// The scheduling loop, on its own thread. It walks the phases in order against the run clock, releases every
/// open-model arrival that is due in one batch per wake-up (Thread.Sleep wakes ~1 ms late; the schedule itself
/// is exact, so lateness never accumulates and is charged to latency, which counts from the intended start),
/// steers the virtual users, and marks each second's end for the timeline. After the last phase it waits for
/// in-flight iterations up to the graceful-stop time, then cancels them.
/// </summary>
internal sealed class RunDriver
{
    private static readonly long MaxSleepTicks = RunClock.ToTicks(TimeSpan.FromMilliseconds(10));
    private static readonly TimeSpan InterruptWait = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<LoadPhase> _phases;
    private readonly RunClock _clock;
    private readonly RunMetrics _metrics;
    private readonly InFlightTracker _inFlight;
    private readonly IterationRunner _runner;
    private readonly VirtualUserPool _users;
    private readonly AnnotationLog _annotations;
    private readonly long _maxInFlight;
    private readonly TimeSpan _gracefulStop;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _interrupt;
    private readonly TaskCompletionSource<long> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ArrivalBatch? _batch;
    private long _nextArrival;
    private long _nextSecondEnd = 1;

    public RunDriver(
        IReadOnlyList<LoadPhase> phases,
        RunClock clock,
        RunMetrics metrics,
        InFlightTracker inFlight,
        IterationRunner runner,
        VirtualUserPool users,
        AnnotationLog annotations,
        long maxInFlight,
        TimeSpan gracefulStop,
        CancellationTokenSource stop,
        CancellationTokenSource interrupt)
    {
        _phases = phases;
        _clock = clock;
        _metrics = metrics;
        _inFlight = inFlight;
        _runner = runner;
        _users = users;
        _annotations = annotations;
        _maxInFlight = maxInFlight;
        _gracefulStop = gracefulStop;
        _stop = stop;
        _interrupt = interrupt;
    }

    /// <summary>Completes with the run's end (ticks) once every iteration has finished or been given up on.</summary>
    public Task<long> Finished => _finished.Task;

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "load-scheduler" };
        thread.Start();
    }

    private bool Stopping => _stop.IsCancellationRequested;

    private void Run()
    {
        try
        {
            foreach (var phase in _phases)
            {
                if (Stopping)
                {
                    break;
                }

                var window = _annotations.OpenPhase(phase.Describe(), _clock.ToDateTime(RunClock.ToTicks(phase.Start)));
                switch (phase)
                {
                    case OpenPhase open:
                        _users.SetTarget(0);
                        RunOpen(open);
                        break;
                    case ClosedPhase closed:
                        RunClosed(closed);
                        break;
                    default:
                        _users.SetTarget(0);
                        IdleUntil(RunClock.ToTicks(phase.End));
                        break;
                }

                _annotations.Close(window, _clock.ToDateTime(Math.Min(_clock.Now, RunClock.ToTicks(phase.End))));
            }

            _users.SetTarget(0);
            // No new iterations from here on; this also ends virtual users' think-time waits.
            _stop.Cancel();
            _inFlight.Close();
            _finished.TrySetResult(Drain());
        }
        catch (Exception exception)
        {
            _finished.TrySetException(exception);
        }
    }

    private void RunOpen(OpenPhase phase)
    {
        var schedule = phase.Schedule;
        var phaseStart = RunClock.ToTicks(phase.Start);
        long index = 0;
        var due = phaseStart + RunClock.ToTicks(schedule.DueAt(0));
        while (index < schedule.Count && !Stopping)
        {
            var now = _clock.Now;
            while (due <= now)
            {
                Release(due);
                if (++index == schedule.Count)
                {
                    break;
                }

                due = phaseStart + RunClock.ToTicks(schedule.DueAt(index));
            }

            Dispatch();
            MarkSecondsEndedBy(now);
            if (index < schedule.Count)
            {
                SleepUntil(due);
            }
        }

        IdleUntil(RunClock.ToTicks(phase.End));
    }

    private void Release(long dueTicks)
    {
        var admitted = _inFlight.TryEnterScheduled(_maxInFlight);
        _metrics.RecordScheduled(dueTicks, admitted);
        var arrival = _nextArrival++;
        if (admitted)
        {
            _batch ??= new ArrivalBatch(_runner);
            _batch.Add(dueTicks, arrival);
            if (_batch.IsFull)
            {
                Dispatch();
            }
        }
    }

    private void Dispatch()
    {
        if (_batch is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_batch, preferLocal: false);
            _batch = null;
        }
    }

    private void RunClosed(ClosedPhase phase)
    {
        _users.ThinkTime = phase.ThinkTime;
        var start = RunClock.ToTicks(phase.Start);
        var end = RunClock.ToTicks(phase.End);
        for (var now = _clock.Now; now < end && !Stopping; now = _clock.Now)
        {
            _users.SetTarget(phase.CopiesAt(RunClock.ToTimeSpan(now - start)));
            MarkSecondsEndedBy(now);
            SleepUntil(end);
        }
    }

    private void IdleUntil(long endTicks)
    {
        for (var now = _clock.Now; now < endTicks && !Stopping; now = _clock.Now)
        {
            MarkSecondsEndedBy(now);
            SleepUntil(endTicks);
        }
    }

    /// <summary>Waits for in-flight iterations: up to the graceful stop, then cancels them and waits a little more.</summary>
    private long Drain()
    {
        var gracefulDeadline = _clock.Now + RunClock.ToTicks(_gracefulStop);
        var interruptDeadline = gracefulDeadline + RunClock.ToTicks(InterruptWait);
        while (!_inFlight.Drained.IsCompleted)
        {
            var now = _clock.Now;
            MarkSecondsEndedBy(now);
            if (now >= gracefulDeadline && !_interrupt.IsCancellationRequested)
            {
                _interrupt.Cancel();
            }

            if (now >= interruptDeadline)
            {
                break;
            }

            _inFlight.Drained.Wait(TimeSpan.FromMilliseconds(10));
        }

        var end = _clock.Now;
        MarkSecondsEndedBy(end);
        return end;
    }

    private void MarkSecondsEndedBy(long now)
    {
        while (now >= _nextSecondEnd * RunClock.TicksPerSecond)
        {
            _metrics.MarkSecondEnd(_nextSecondEnd - 1, _inFlight.Current);
            _nextSecondEnd++;
        }
    }

    /// <summary>Sleeps toward <paramref name="targetTicks"/>, never past the next second's end or 10 ms.</summary>
    private void SleepUntil(long targetTicks)
    {
        var wake = Math.Min(targetTicks, _nextSecondEnd * RunClock.TicksPerSecond);
        var remaining = Math.Min(wake - _clock.Now, MaxSleepTicks);
        if (remaining > 0)
        {
            Thread.Sleep((int)Math.Max(1, remaining / RunClock.TicksPerMillisecond));
        }
    }
}
