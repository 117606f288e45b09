using System.Diagnostics;

namespace Resilience.Load.Engine;

/// <summary>
/// The run's one time base: Stopwatch ticks since the start, monotonic and high-resolution, with the wall-clock
/// start kept alongside so every timestamp a report shows is StartedAt + elapsed.
/// </summary>
internal sealed class RunClock
{
    public static readonly long TicksPerSecond = Stopwatch.Frequency;
    public static readonly long TicksPerMillisecond = Math.Max(1, Stopwatch.Frequency / 1000);
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly long _startTimestamp;

    public RunClock()
    {
        StartedAt = DateTimeOffset.UtcNow;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Ticks since the run started.</summary>
    public long Now => Stopwatch.GetTimestamp() - _startTimestamp;

    public static long ToTicks(TimeSpan duration) => (long)(duration.TotalSeconds * TicksPerSecond);

    public static long ToTicks(double seconds) => (long)(seconds * TicksPerSecond);

    public static TimeSpan ToTimeSpan(long ticks) => TimeSpan.FromSeconds(ticks / (double)TicksPerSecond);

    public static long ToMicroseconds(long ticks) => (long)(ticks * MicrosecondsPerTick);

    public static long SecondOf(long ticks) => ticks / TicksPerSecond;

    public DateTimeOffset ToDateTime(long ticks) => StartedAt + ToTimeSpan(ticks);
}
