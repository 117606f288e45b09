namespace Resilience.Load.Simulations;

/// <summary>Short factories for the load simulations; rates are per <c>interval</c> as in NBomber.</summary>
public static class Simulation
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static Inject Inject(double rate, TimeSpan interval, TimeSpan during) => new(new InjectOptions(rate, interval, during));

    /// <summary><paramref name="ratePerSecond"/> iterations per second for <paramref name="during"/>.</summary>
    public static Inject Inject(double ratePerSecond, TimeSpan during) => Inject(ratePerSecond, OneSecond, during);

    public static RampingInject RampingInject(double rate, TimeSpan interval, TimeSpan during) =>
        new(new RampingInjectOptions(rate, interval, during));

    public static RampingInject RampingInject(double ratePerSecond, TimeSpan during) => RampingInject(ratePerSecond, OneSecond, during);

    public static KeepConstant KeepConstant(int copies, TimeSpan during, ThinkTime? thinkTime = null) =>
        new(new KeepConstantOptions(copies, during, thinkTime));

    public static RampingConstant RampingConstant(int copies, TimeSpan during, ThinkTime? thinkTime = null) =>
        new(new RampingConstantOptions(copies, during, thinkTime));

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
