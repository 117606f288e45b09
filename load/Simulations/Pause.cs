namespace Resilience.Load.Simulations;

public sealed record PauseOptions(TimeSpan During);

/// <summary>No new iterations for a while; iterations already running finish.</summary>
public sealed class Pause : LoadSimulation
{
    public Pause(PauseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(options.During, $"{nameof(Pause)} during");
        Options = options;
    }

    public PauseOptions Options { get; }

    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous) => new PausePhase(start, Options.During);
}
