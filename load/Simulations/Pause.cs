namespace Resilience.Load.Simulations;

/// <summary>The settings of a <see cref="Pause"/>.</summary>
/// <param name="During">How long no iteration starts; positive.</param>
public sealed record PauseOptions(TimeSpan During);

/// <summary>No new iterations for a while; iterations already running finish.</summary>
public sealed class Pause : LoadSimulation
{
    /// <summary>A pause as long as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is not positive.</exception>
    public Pause(PauseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(options.During, $"{nameof(Pause)} during");
        Options = options;
    }

    /// <summary>The settings as given.</summary>
    public PauseOptions Options { get; }

    /// <summary>How long the pause lasts (<see cref="PauseOptions.During"/>).</summary>
    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous) => new PausePhase(start, Options.During);
}
