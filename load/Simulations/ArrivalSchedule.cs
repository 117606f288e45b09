namespace Resilience.Load.Simulations;

/// <summary>
/// The arrival times of an open-model phase whose rate moves linearly from a to b per second over d seconds.
/// Arrivals so far N(t) = a·t + (b−a)·t²/(2d); arrival k is due when N(t) = k, so the first is due at 0 and a
/// constant 200/s for 10 s yields exactly 2000. Times are exact, so a schedule never drifts however late
/// the scheduler wakes.
/// </summary>
internal sealed class ArrivalSchedule
{
    private readonly double _fromRate;
    private readonly double _halfSlope;

    public ArrivalSchedule(double fromRate, double toRate, double durationSeconds)
    {
        _fromRate = fromRate;
        _halfSlope = (toRate - fromRate) / (2 * durationSeconds);
        var total = ArrivalsBy(durationSeconds);
        // Arrivals are due at N(t) = 0, 1, 2, ... strictly before the end: ceil(N(d)) of them.
        var rounded = Math.Round(total);
        Count = Math.Abs(total - rounded) < 1e-9 ? (long)rounded : (long)Math.Ceiling(total);
    }

    /// <summary>How many arrivals the phase schedules.</summary>
    public long Count { get; }

    /// <summary>N(t): arrivals due by <paramref name="seconds"/> into the phase.</summary>
    public double ArrivalsBy(double seconds) => (_fromRate * seconds) + (_halfSlope * seconds * seconds);

    /// <summary>Seconds into the phase when arrival <paramref name="index"/> is due.</summary>
    public double DueAt(long index)
    {
        if (index == 0)
        {
            return 0;
        }

        if (_halfSlope == 0)
        {
            return index / _fromRate;
        }

        // Root of c·t² + a·t − k = 0 in the stable form 2k / (a + √(a² + 4ck)), valid for ramps up and down.
        var discriminant = Math.Max(0, (_fromRate * _fromRate) + (4 * _halfSlope * index));
        return 2.0 * index / (_fromRate + Math.Sqrt(discriminant));
    }
}
