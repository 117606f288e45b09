namespace Resilience.Load.Simulations;

/// <param name="Copies">Virtual users, each running one iteration after another.</param>
/// <param name="ThinkTime">Pause of each virtual user between its iterations; none when null.</param>
public sealed record KeepConstantOptions(int Copies, TimeSpan During, ThinkTime? ThinkTime = null);

/// <summary>
/// Closed model, constant concurrency: a fixed number of virtual users loop over the scenario. A slow
/// response delays the user's next request, so latency here is service time (see the README on
/// coordinated omission).
/// </summary>
public sealed class KeepConstant : LoadSimulation
{
    public KeepConstant(KeepConstantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Copies, nameof(options.Copies));
        RequirePositive(options.During, $"{nameof(KeepConstant)} during");
        Options = options;
    }

    public KeepConstantOptions Options { get; }

    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous) =>
        new ClosedPhase(start, Options.During, Options.Copies, Options.Copies, Options.ThinkTime ?? ThinkTime.None);
}
