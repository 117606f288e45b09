namespace Resilience.Load.Scenarios;

/// <summary>
/// What a step invocation knows about itself. <see cref="Random"/> is seeded from the run's seed and the
/// iteration's place in the schedule, so the same seed replays the same random choices.
/// </summary>
public sealed class StepContext
{
    private readonly int _randomSeed;
    private Random? _random;

    internal StepContext(
        string scenarioName,
        string stepName,
        long iteration,
        int virtualUser,
        int randomSeed,
        DateTimeOffset intendedStart,
        CancellationToken cancellationToken)
    {
        ScenarioName = scenarioName;
        StepName = stepName;
        Iteration = iteration;
        VirtualUser = virtualUser;
        _randomSeed = randomSeed;
        IntendedStart = intendedStart;
        CancellationToken = cancellationToken;
    }

    /// <summary>The name of the scenario being run.</summary>
    public string ScenarioName { get; }

    /// <summary>The name of the step this invocation runs.</summary>
    public string StepName { get; }

    /// <summary>
    /// Open model: the iteration's index in the arrival schedule (deterministic for a seed).
    /// Closed model: the virtual user's own iteration count (deterministic per virtual user).
    /// </summary>
    public long Iteration { get; }

    /// <summary>The virtual user running this iteration (closed model), or -1 in the open model.</summary>
    public int VirtualUser { get; }

    /// <summary>When the schedule wanted this iteration to start; latency is measured from here.</summary>
    public DateTimeOffset IntendedStart { get; }

    /// <summary>Cancelled when the run is cancelled or its graceful stop time runs out.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>This iteration's own seeded random source, created on first use.</summary>
    public Random Random => _random ??= new Random(_randomSeed);
}
