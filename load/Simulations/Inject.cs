namespace Resilience.Load.Simulations;

/// <param name="Rate">Iterations per <paramref name="Interval"/>, spread evenly (not injected in batches).</param>
public sealed record InjectOptions(double Rate, TimeSpan Interval, TimeSpan During);

/// <summary>
/// Open model, constant arrival rate: iterations start on schedule whether or not earlier ones have finished,
/// up to the run's max-in-flight; beyond it they are dropped and counted.
/// </summary>
public sealed class Inject : LoadSimulation
{
    public Inject(InjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RatePerSecond = ToRatePerSecond(options.Rate, options.Interval, nameof(Inject));
        RequirePositive(options.During, $"{nameof(Inject)} during");
        Options = options;
    }

    public InjectOptions Options { get; }

    public double RatePerSecond { get; }

    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous) =>
        new OpenPhase(start, Options.During, RatePerSecond, RatePerSecond);
}
