namespace Resilience.Load.Simulations;

/// <summary>The settings of a <see cref="RampingInject"/> simulation.</summary>
/// <param name="Rate">Target iterations per <paramref name="Interval"/> reached at the end of the ramp; zero or positive.</param>
/// <param name="Interval">The period <paramref name="Rate"/> is counted over, e.g. one second; positive.</param>
/// <param name="During">How long the ramp takes; positive.</param>
public sealed record RampingInjectOptions(double Rate, TimeSpan Interval, TimeSpan During);

/// <summary>
/// Open model, arrival rate moving linearly from the rate the previous simulation ended at (zero after a pause,
/// a closed-model simulation or at the start) to <see cref="RampingInjectOptions.Rate"/>.
/// </summary>
public sealed class RampingInject : LoadSimulation
{
    /// <summary>A ramp of the arrival rate to the target <paramref name="options"/> give.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative or not finite, or the interval or duration is not positive.</exception>
    public RampingInject(RampingInjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TargetRatePerSecond = ToRatePerSecond(options.Rate, options.Interval, nameof(RampingInject));
        RequirePositive(options.During, $"{nameof(RampingInject)} during");
        Options = options;
    }

    /// <summary>The settings as given.</summary>
    public RampingInjectOptions Options { get; }

    /// <summary>The arrival rate reached at the end of the ramp, in iterations per second.</summary>
    public double TargetRatePerSecond { get; }

    /// <summary>How long the ramp takes (<see cref="RampingInjectOptions.During"/>).</summary>
    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous)
    {
        var fromRate = previous is OpenPhase open ? open.ToRate : 0;
        return new OpenPhase(start, Options.During, fromRate, TargetRatePerSecond);
    }
}
