namespace Resilience.Load.Simulations;

/// <param name="Rate">Target iterations per <paramref name="Interval"/> reached at the end of the ramp.</param>
public sealed record RampingInjectOptions(double Rate, TimeSpan Interval, TimeSpan During);

/// <summary>
/// Open model, arrival rate moving linearly from the rate the previous simulation ended at (zero after a pause,
/// a closed-model simulation or at the start) to <see cref="RampingInjectOptions.Rate"/>.
/// </summary>
public sealed class RampingInject : LoadSimulation
{
    public RampingInject(RampingInjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TargetRatePerSecond = ToRatePerSecond(options.Rate, options.Interval, nameof(RampingInject));
        RequirePositive(options.During, $"{nameof(RampingInject)} during");
        Options = options;
    }

    public RampingInjectOptions Options { get; }

    public double TargetRatePerSecond { get; }

    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous)
    {
        var fromRate = previous is OpenPhase open ? open.ToRate : 0;
        return new OpenPhase(start, Options.During, fromRate, TargetRatePerSecond);
    }
}
