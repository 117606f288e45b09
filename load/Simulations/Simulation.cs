namespace Resilience.Load.Simulations;

/// <summary>Short factories for the load simulations; rates are per <c>interval</c> as in NBomber.</summary>
public static class Simulation
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>Open model: <paramref name="rate"/> iterations per <paramref name="interval"/> for <paramref name="during"/>, e.g. <c>Inject(50, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30))</c> for 500/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, or the interval or duration is not positive.</exception>
    public static Inject Inject(double rate, TimeSpan interval, TimeSpan during) => new(new InjectOptions(rate, interval, during));

    /// <summary><paramref name="ratePerSecond"/> iterations per second for <paramref name="during"/>.</summary>
    public static Inject Inject(double ratePerSecond, TimeSpan during) => Inject(ratePerSecond, OneSecond, during);

    /// <summary>Open model: the arrival rate ramps linearly from where the previous simulation ended (0 at the start)
    /// to <paramref name="rate"/> per <paramref name="interval"/> over <paramref name="during"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, or the interval or duration is not positive.</exception>
    public static RampingInject RampingInject(double rate, TimeSpan interval, TimeSpan during) =>
        new(new RampingInjectOptions(rate, interval, during));

    /// <summary>Open model: the arrival rate ramps linearly to <paramref name="ratePerSecond"/> per second over <paramref name="during"/>.</summary>
    public static RampingInject RampingInject(double ratePerSecond, TimeSpan during) => RampingInject(ratePerSecond, OneSecond, during);

    /// <summary>Closed model: <paramref name="copies"/> virtual users loop over the scenario for <paramref name="during"/>.</summary>
    /// <param name="copies">Virtual users; zero or more.</param>
    /// <param name="during">How long they run; positive.</param>
    /// <param name="thinkTime">Each user's pause between its iterations; none when null.</param>
    public static KeepConstant KeepConstant(int copies, TimeSpan during, ThinkTime? thinkTime = null) =>
        new(new KeepConstantOptions(copies, during, thinkTime));

    /// <summary>Closed model: virtual users ramp linearly from the previous simulation's count (0 at the start) to
    /// <paramref name="copies"/> over <paramref name="during"/>.</summary>
    /// <param name="copies">Virtual users at the end of the ramp; zero or more.</param>
    /// <param name="during">How long the ramp takes; positive.</param>
    /// <param name="thinkTime">Each user's pause between its iterations; none when null.</param>
    public static RampingConstant RampingConstant(int copies, TimeSpan during, ThinkTime? thinkTime = null) =>
        new(new RampingConstantOptions(copies, during, thinkTime));

    /// <summary>No new iterations for <paramref name="during"/>; running ones finish.</summary>
    public static Pause Pause(TimeSpan during) => new(new PauseOptions(during));

    /// <summary>The simulations of a spike, to run in sequence (see <see cref="SpikeOptions"/>).</summary>
    public static IReadOnlyList<LoadSimulation> Spike(SpikeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PeakRate < options.BaseRate)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"A spike's peak ({options.PeakRate}/s) must not be below its base ({options.BaseRate}/s).");
        }

        var simulations = new List<LoadSimulation>();
        if (options.Before > TimeSpan.Zero)
        {
            simulations.Add(Inject(options.BaseRate, options.Before));
        }

        if (options.Ramp > TimeSpan.Zero)
        {
            simulations.Add(RampingInject(options.PeakRate, options.Ramp));
        }

        simulations.Add(Inject(options.PeakRate, options.Hold));
        if (options.Ramp > TimeSpan.Zero)
        {
            simulations.Add(RampingInject(options.BaseRate, options.Ramp));
        }

        if (options.After > TimeSpan.Zero)
        {
            simulations.Add(Inject(options.BaseRate, options.After));
        }

        return simulations;
    }
}
