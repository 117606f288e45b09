using Resilience.Load.Metrics;
using Resilience.Load.Scenarios;

namespace Resilience.Load.Engine;

/// <summary>
/// Runs one iteration: picks the step, times it from the intended and the actual start, turns exceptions into
/// error kinds, records the outcome and leaves the in-flight count.
/// </summary>
internal sealed class IterationRunner
{
    /// <summary>Stream ids that keep the open schedule's and each virtual user's random draws apart.</summary>
    private const long OpenModelStream = -1;

    private readonly Scenario _scenario;
    private readonly StepPicker _picker;
    private readonly RunMetrics _metrics;
    private readonly InFlightTracker _inFlight;
    private readonly RunClock _clock;
    private readonly long _seed;
    private readonly CancellationToken _iterationToken;

    public IterationRunner(
        Scenario scenario,
        RunMetrics metrics,
        InFlightTracker inFlight,
        RunClock clock,
        long seed,
        CancellationToken iterationToken)
    {
        _scenario = scenario;
        _picker = new StepPicker(scenario.Steps);
        _metrics = metrics;
        _inFlight = inFlight;
        _clock = clock;
        _seed = seed;
        _iterationToken = iterationToken;
    }

    /// <summary>Open model: arrival <paramref name="index"/> of the schedule, already admitted to in-flight.</summary>
    public void StartScheduled(long intendedTicks, long index)
    {
        var key = SeedMixer.Key(_seed, OpenModelStream, index);
        var step = _picker.Pick(SeedMixer.Unit(key));
        _ = RunAsync(step, intendedTicks, sentTicks: null, index, virtualUser: -1, SeedMixer.RandomSeed(key));
    }

    /// <summary>A virtual user's seeded random source; its draws pick steps and think times in a fixed order.</summary>
    public Random CreateVirtualUserRandom(int virtualUser) =>
        new(SeedMixer.RandomSeed(SeedMixer.Key(_seed, virtualUser, 0)));

    /// <summary>Closed model: the caller has entered in-flight; the iteration starts now.</summary>
    public Task RunVirtualUserIterationAsync(int virtualUser, long iteration, Random random)
    {
        var step = _picker.Pick(random.NextDouble());
        var randomSeed = random.Next();
        // A virtual user sends the moment it means to: one timestamp is both intended and actual start.
        var now = _clock.Now;
        _metrics.RecordStarted(now);
        return RunAsync(step, now, sentTicks: now, iteration, virtualUser, randomSeed);
    }

    private async Task RunAsync(int stepIndex, long intendedTicks, long? sentTicks, long iteration, int virtualUser, int randomSeed)
    {
        var step = _scenario.Steps[stepIndex];
        var context = new StepContext(
            _scenario.Name, step.Name, iteration, virtualUser, randomSeed, _clock.ToDateTime(intendedTicks), _iterationToken);
        var sent = sentTicks ?? _clock.Now;
        StepResult result;
        try
        {
            result = await step.Run(context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            result = StepResult.Error(ErrorKinds.FromException(exception, _iterationToken));
        }

        _metrics.RecordCompletion(stepIndex, intendedTicks, sent, _clock.Now, result);
        _inFlight.Exit();
    }
}
