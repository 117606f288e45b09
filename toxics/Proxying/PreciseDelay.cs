using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Resilience.Toxics.Proxying;

/// <summary>
/// Waits until a <see cref="Stopwatch"/> timestamp with sub-millisecond precision.
/// </summary>
/// <remarks>
/// Task.Delay rides the runtime's coarse tick count and the thread pool, so under load a 100 ms toxic can come out
/// several milliseconds late. One dedicated thread keeps every pending deadline in a heap: it blocks on an event
/// until about a millisecond before the earliest one (new earlier deadlines wake it), then sleeps the rest with
/// nanosleep, so nothing spins. Waiters resume on the timer thread itself: a thread-pool hop after the deadline
/// would add its own scheduling delay on a busy machine. Their continuations are the stages' forwarding code,
/// which only starts asynchronous sends and returns.
/// </remarks>
internal static class PreciseDelay
{
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;
    private static readonly long FireTolerance = Stopwatch.Frequency / 20_000; // 50 µs early is on time
    private static readonly PriorityQueue<TaskCompletionSource<bool>, long> Pending = new();
    private static readonly AutoResetEvent EarlierDeadline = new(false);
    private static readonly Lock Gate = new();
    private static Thread? timerThread;
    private static bool nativeSleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>A due time that never comes: the wait ends only when interrupted.</summary>
    public const long Forever = long.MaxValue;

    /// <summary>Completes with true at <paramref name="dueTimestamp"/>, or with false as soon as
    /// <paramref name="interrupted"/> fires; never throws for cancellation.</summary>
    public static Task<bool> UntilAsync(long dueTimestamp, CancellationToken interrupted)
    {
        if (interrupted.IsCancellationRequested)
        {
            return Task.FromResult(false);
        }

        if (dueTimestamp - Stopwatch.GetTimestamp() <= FireTolerance)
        {
            return Task.FromResult(true);
        }

        var waiter = new TaskCompletionSource<bool>();
        if (interrupted.CanBeCanceled)
        {
            // Interruption comes from API calls holding proxy locks: resume the waiter on the pool, not in there.
            var registration = interrupted.Register(static state => ThreadPool.QueueUserWorkItem(
                static waiter => waiter.TrySetResult(false), (TaskCompletionSource<bool>)state!, preferLocal: false), waiter);
            waiter.Task.ContinueWith(
                static (_, state) => ((CancellationTokenRegistration)state!).Dispose(),
                registration,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        if (dueTimestamp == Forever)
        {
            return waiter.Task;
        }

        lock (Gate)
        {
            EnsureTimerThread();
            var wakeTimer = !Pending.TryPeek(out _, out var earliest) || dueTimestamp < earliest;
            Pending.Enqueue(waiter, dueTimestamp);
            if (wakeTimer)
            {
                EarlierDeadline.Set();
            }
        }

        return waiter.Task;
    }

    public static Task<bool> ForAsync(TimeSpan delay, CancellationToken interrupted) =>
        UntilAsync(Stopwatch.GetTimestamp() + ToTicks(delay), interrupted);

    public static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static long MillisecondsToTicks(double milliseconds) => (long)(milliseconds * TicksPerMillisecond);

    private static void EnsureTimerThread()
    {
        if (timerThread is not null)
        {
            return;
        }

        timerThread = new Thread(RunTimer) { IsBackground = true, Name = "toxics-precise-delay", Priority = ThreadPriority.AboveNormal };
        timerThread.Start();
    }

    private static void RunTimer()
    {
        RaiseSchedulingPriority();
        var due = new List<TaskCompletionSource<bool>>();
        while (true)
        {
            long remaining;
            lock (Gate)
            {
                remaining = long.MaxValue;
                while (Pending.TryPeek(out _, out var deadline))
                {
                    remaining = deadline - Stopwatch.GetTimestamp();
                    if (remaining > FireTolerance)
                    {
                        break;
                    }

                    due.Add(Pending.Dequeue());
                    remaining = long.MaxValue;
                }
            }

            if (due.Count > 0)
            {
                // Outside the lock: continuations may register their next deadline.
                due.ForEach(static waiter => waiter.TrySetResult(true));
                due.Clear();
                continue;
            }

            if (remaining == long.MaxValue)
            {
                EarlierDeadline.WaitOne();
            }
            else if (remaining > TicksPerMillisecond * 3 / 2)
            {
                // The event wait has millisecond granularity and wakes a little late: aim one millisecond short.
                EarlierDeadline.WaitOne((int)Math.Clamp(remaining / TicksPerMillisecond - 1, 1, int.MaxValue));
            }
            else
            {
                SleepPrecisely(remaining);
            }
        }
    }

    private static void SleepPrecisely(long ticks)
    {
        if (nativeSleep)
        {
            var nanoseconds = ticks * 1_000_000_000 / Stopwatch.Frequency;
            var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            try
            {
                _ = NanoSleep(ref request, IntPtr.Zero);
                return;
            }
            catch (Exception missing) when (missing is DllNotFoundException or EntryPointNotFoundException)
            {
                nativeSleep = false;
            }
        }

        var until = Stopwatch.GetTimestamp() + ticks;
        var spinner = default(SpinWait);
        while (Stopwatch.GetTimestamp() < until)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// On a busy machine a woken thread may wait milliseconds for a core, and the toxics' timing with it. Where
    /// allowed (root or CAP_SYS_NICE) the timer thread takes the lowest real-time priority (SCHED_FIFO 1), so it runs
    /// as soon as a deadline is due, or else nice -10; elsewhere the calls fail harmlessly. Its work is short: it
    /// wakes the waiters whose continuations forward a chunk and start a send. The kernel's real-time throttling
    /// keeps even a runaway continuation from taking more than 95 % of a core.
    /// </summary>
    private static void RaiseSchedulingPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            const int SchedFifo = 1;
            const int PrioProcess = 0;
            var thread = GetThreadId();
            var lowestRealTime = new SchedulingParameters { Priority = 1 };
            if (SetScheduler(thread, SchedFifo, ref lowestRealTime) != 0)
            {
                _ = SetPriority(PrioProcess, thread, -10);
            }
        }
        catch (Exception missing) when (missing is DllNotFoundException or EntryPointNotFoundException)
        {
            // An unusual C library: the default priority it is.
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedulingParameters
    {
        public int Priority;
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static extern int SetScheduler(int threadId, int policy, ref SchedulingParameters parameters);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);
}
