namespace Resilience.Load.Simulations;

/// <summary>
/// One stretch of load. Simulations run in sequence; each is a small type with an options record
/// (<see cref="Inject"/>, <see cref="RampingInject"/>, <see cref="KeepConstant"/>, <see cref="RampingConstant"/>,
/// <see cref="Pause"/>). <see cref="Simulation"/> has short factories for all of them.
/// </summary>
public abstract class LoadSimulation
{
    /// <summary>How long this stretch of load lasts on the run's schedule.</summary>
    public abstract TimeSpan Duration { get; }

    /// <summary>Lays this simulation out on the run's schedule, after <paramref name="previous"/>.</summary>
    internal abstract LoadPhase Plan(TimeSpan start, LoadPhase? previous);

    internal static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    internal static double ToRatePerSecond(double rate, TimeSpan interval, string simulation)
    {
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"{simulation}: rate must be zero or positive.");
        }

        RequirePositive(interval, $"{simulation} interval");
        return rate / interval.TotalSeconds;
    }
}
