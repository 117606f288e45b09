namespace Resilience.Load.Simulations;

/// <summary>The settings of a <see cref="KeepConstant"/> simulation.</summary>
/// <param name="Copies">Virtual users, each running one iteration after another; zero or more.</param>
/// <param name="During">How long the users run; positive.</param>
/// <param name="ThinkTime">Pause of each virtual user between its iterations; none when null.</param>
public sealed record KeepConstantOptions(int Copies, TimeSpan During, ThinkTime? ThinkTime = null);

/// <summary>
/// Closed model, constant concurrency: a fixed number of virtual users loop over the scenario. A slow
/// response delays the user's next request, so latency here is service time (see the README on
/// coordinated omission).
/// </summary>
public sealed class KeepConstant : LoadSimulation
{
    /// <summary>A fixed number of virtual users as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Copies is negative or the duration is not positive.</exception>
    public KeepConstant(KeepConstantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Copies, nameof(options.Copies));
        RequirePositive(options.During, $"{nameof(KeepConstant)} during");
        Options = options;
    }

    /// <summary>The settings as given.</summary>
    public KeepConstantOptions Options { get; }

    /// <summary>How long the users run (<see cref="KeepConstantOptions.During"/>).</summary>
    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous) =>
        new ClosedPhase(start, Options.During, Options.Copies, Options.Copies, Options.ThinkTime ?? ThinkTime.None);
}
