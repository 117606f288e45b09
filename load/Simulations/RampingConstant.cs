namespace Resilience.Load.Simulations;

/// <summary>The settings of a <see cref="RampingConstant"/> simulation.</summary>
/// <param name="Copies">Virtual users reached at the end of the ramp; zero or more.</param>
/// <param name="During">How long the ramp takes; positive.</param>
/// <param name="ThinkTime">Pause of each virtual user between its iterations; none when null.</param>
public sealed record RampingConstantOptions(int Copies, TimeSpan During, ThinkTime? ThinkTime = null);

/// <summary>
/// Closed model, concurrency moving linearly from the number of virtual users the previous simulation ended
/// with (zero after a pause, an open-model simulation or at the start) to <see cref="RampingConstantOptions.Copies"/>.
/// Users beyond the current target finish their iteration and stop.
/// </summary>
public sealed class RampingConstant : LoadSimulation
{
    /// <summary>A ramp of virtual users to the number <paramref name="options"/> give.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Copies is negative or the duration is not positive.</exception>
    public RampingConstant(RampingConstantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Copies, nameof(options.Copies));
        RequirePositive(options.During, $"{nameof(RampingConstant)} during");
        Options = options;
    }

    /// <summary>The settings as given.</summary>
    public RampingConstantOptions Options { get; }

    /// <summary>How long the ramp takes (<see cref="RampingConstantOptions.During"/>).</summary>
    public override TimeSpan Duration => Options.During;

    internal override LoadPhase Plan(TimeSpan start, LoadPhase? previous)
    {
        var fromCopies = previous is ClosedPhase closed ? closed.ToCopies : 0;
        return new ClosedPhase(start, Options.During, fromCopies, Options.Copies, Options.ThinkTime ?? ThinkTime.None);
    }
}
