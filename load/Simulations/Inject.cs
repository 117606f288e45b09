namespace Resilience.Load.Simulations;

/// <summary>The settings of an <see cref="Inject"/> simulation.</summary>
/// <param name="Rate">Iterations per <paramref name="Interval"/>, spread evenly (not injected in batches); zero or positive.</param>
/// <param name="Interval">The period <paramref name="Rate"/> is counted over, e.g. one second; positive.</param>
/// <param name="During">How long the simulation runs; positive.</param>
public sealed record InjectOptions(double Rate, TimeSpan Interval, TimeSpan During);

/// <summary>
/// Open model, constant arrival rate: iterations start on schedule whether or not earlier ones have finished,
/// up to the run's max-in-flight; beyond it they are dropped and counted.
/// </summary>
public sealed class Inject : LoadSimulation
{
    /// <summary>A constant arrival rate as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative or not finite, or the interval or duration is not positive.</exception>
    public Inject(InjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RatePerSecond = ToRatePerSecond(options.Rate, options.Interval, nameof(Inject));
        RequirePositive(options.During, $"{nameof(Inject)} during");
        Options = options;
    }

    /// <summary>The settings as given.</summary>
    public InjectOptions Options { get; }

    /// <summary>The arrival rate in iterations per second.</summary>
    public double RatePerSecond { get; }

    /// <summary>How long the simulation runs (<see cref="InjectOptions.During"/>).</summary>
    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous) =>
        new OpenPhase(start, Options.During, RatePerSecond, RatePerSecond);
}
