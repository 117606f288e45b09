using Resilience.Load.Results;
using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;
using Resilience.Load.Thresholds;

namespace Resilience.Load;

/// <summary>
/// A validated, immutable load test: a scenario, simulations in sequence, thresholds and options with a fixed
/// seed. <see cref="Start"/> gives a <see cref="LoadRun"/> to annotate while it runs; <see cref="RunAsync"/>
/// just runs it.
/// </summary>
/// <example>
/// <code>
/// var result = await LoadTest.For(scenario)
///     .WithLoad(Simulation.Inject(200, TimeSpan.FromSeconds(10)))
///     .WithThresholds("p(95) &lt; 200ms", "error_rate &lt; 0.1%")
///     .WithSeed(42)
///     .Build()
///     .RunAsync();
/// </code>
/// </example>
public sealed class LoadTest
{
    internal LoadTest(
        Scenario scenario,
        IReadOnlyList<LoadSimulation> simulations,
        IReadOnlyList<Threshold> thresholds,
        LoadTestOptions options,
        IProgress<LoadProgress>? progress)
    {
        Scenario = scenario;
        Simulations = simulations;
        Thresholds = thresholds;
        Options = options;
        Progress = progress;
        Phases = PlanPhases(simulations);
    }

    /// <summary>The scenario each iteration runs one step of.</summary>
    public Scenario Scenario { get; }

    /// <summary>The load shape: simulations run one after another, in this order.</summary>
    public IReadOnlyList<LoadSimulation> Simulations { get; }

    /// <summary>The pass/fail criteria, judged over the whole run (or the window a threshold names).</summary>
    public IReadOnlyList<Threshold> Thresholds { get; }

    /// <summary>The options, with <see cref="LoadTestOptions.Seed"/> always set.</summary>
    public LoadTestOptions Options { get; }

    /// <summary>The seed of every random choice; the same seed replays the same step mix and think times.</summary>
    public long Seed => Options.Seed!.Value;

    /// <summary>The planned length of the load, without the wait for the last iterations.</summary>
    public TimeSpan Duration => Phases.Count == 0 ? TimeSpan.Zero : Phases[^1].End;

    /// <summary>The load shape as it will run, one line per simulation, e.g. "ramp arrivals 0/s -> 200/s over 10s".</summary>
    public IReadOnlyList<string> Plan => Phases.Select(phase => phase.Describe()).ToList();

    internal IProgress<LoadProgress>? Progress { get; }

    internal IReadOnlyList<LoadPhase> Phases { get; }

    /// <summary>Starts building a load test of <paramref name="scenario"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is null.</exception>
    public static LoadTestBuilder For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new LoadTestBuilder(scenario);
    }

    /// <summary>Starts the run now. Cancelling <paramref name="cancellationToken"/> stops it and cancels running steps.</summary>
    public LoadRun Start(CancellationToken cancellationToken = default) => new(this, cancellationToken);

    /// <summary>Runs the test to its end and returns the result; thresholds that fail are reported in it, not thrown.</summary>
    /// <param name="cancellationToken">Stops the run and cancels running steps; the call then throws <see cref="OperationCanceledException"/>.</param>
    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var run = Start(cancellationToken);
        return await run.Completion.ConfigureAwait(false);
    }

    private static List<LoadPhase> PlanPhases(IReadOnlyList<LoadSimulation> simulations)
    {
        var phases = new List<LoadPhase>(simulations.Count);
        var start = TimeSpan.Zero;
        foreach (var simulation in simulations)
        {
            var phase = simulation.Plan(start, phases.Count == 0 ? null : phases[^1]);
            phases.Add(phase);
            start = phase.End;
        }

        return phases;
    }
}
