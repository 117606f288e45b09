using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;
using Resilience.Load.Thresholds;

namespace Resilience.Load;

/// <summary>
/// Immutable builder of a <see cref="LoadTest"/>: every With… returns a new builder; <see cref="Build"/> validates.
/// Start with <see cref="LoadTest.For"/>.
/// </summary>
public sealed class LoadTestBuilder
{
    private readonly Scenario _scenario;
    private readonly IReadOnlyList<LoadSimulation> _simulations;
    private readonly IReadOnlyList<Threshold> _thresholds;
    private readonly LoadTestOptions _options;
    private readonly IProgress<LoadProgress>? _progress;

    internal LoadTestBuilder(Scenario scenario)
        : this(scenario, [], [], new LoadTestOptions(), progress: null)
    {
    }

    private LoadTestBuilder(
        Scenario scenario,
        IReadOnlyList<LoadSimulation> simulations,
        IReadOnlyList<Threshold> thresholds,
        LoadTestOptions options,
        IProgress<LoadProgress>? progress)
    {
        _scenario = scenario;
        _simulations = simulations;
        _thresholds = thresholds;
        _options = options;
        _progress = progress;
    }

    /// <summary>Appends simulations; all of them run in sequence.</summary>
    public LoadTestBuilder WithLoad(params IEnumerable<LoadSimulation> simulations) =>
        With(simulations: [.. _simulations, .. simulations]);

    /// <summary>Appends pass/fail thresholds; a run reports each one's outcome in its result.</summary>
    public LoadTestBuilder WithThresholds(params IEnumerable<Threshold> thresholds) =>
        With(thresholds: [.. _thresholds, .. thresholds]);

    /// <summary>Thresholds in text form, e.g. "p(95) &lt; 200ms"; bad text throws <see cref="ThresholdFormatException"/>.</summary>
    public LoadTestBuilder WithThresholds(params IEnumerable<string> thresholds) =>
        WithThresholds(thresholds.Select(Threshold.Parse));

    /// <summary>Replaces all the options (seed, max in flight, graceful stop, progress interval) at once.</summary>
    public LoadTestBuilder WithOptions(LoadTestOptions options) => With(options: options);

    /// <summary>Fixes the seed of every random choice, to replay a run; without one a seed is picked and reported.</summary>
    public LoadTestBuilder WithSeed(long seed) => With(options: _options with { Seed = seed });

    /// <summary>Caps the iterations in flight (open model); arrivals beyond it are dropped and counted. Default 10,000; at least 1.</summary>
    public LoadTestBuilder WithMaxInFlight(int maxInFlight) => With(options: _options with { MaxInFlight = maxInFlight });

    /// <summary>How long running iterations may finish after the last simulation before they are cancelled. Default 30 s; not negative.</summary>
    public LoadTestBuilder WithGracefulStop(TimeSpan gracefulStop) => With(options: _options with { GracefulStop = gracefulStop });

    /// <summary>Reports progress while the test runs, e.g. to <see cref="LoadProgressWriter"/>.</summary>
    /// <param name="progress">Called on the engine's aggregation thread; keep it quick.</param>
    /// <param name="interval">Whole seconds of timeline per report; default 5 s, at least 1 s.</param>
    public LoadTestBuilder WithProgress(IProgress<LoadProgress> progress, TimeSpan? interval = null) => new(
        _scenario,
        _simulations,
        _thresholds,
        interval is { } every ? _options with { ProgressInterval = every } : _options,
        progress);

    /// <summary>Validates and builds the test, picking a seed when none was given.</summary>
    /// <exception cref="InvalidOperationException">The scenario has no steps or no simulation was added.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (max in flight below 1, negative graceful stop, progress interval below 1 s).</exception>
    public LoadTest Build()
    {
        if (_scenario.Steps.Count == 0)
        {
            throw new InvalidOperationException($"Scenario '{_scenario.Name}' has no steps; add one with WithStep.");
        }

        if (_simulations.Count == 0)
        {
            throw new InvalidOperationException($"Load test '{_scenario.Name}' has no simulations; add them with WithLoad.");
        }

        _options.Validate();
        var seed = _options.Seed ?? Random.Shared.NextInt64();
        return new LoadTest(_scenario, _simulations, _thresholds, _options with { Seed = seed }, _progress);
    }

    private LoadTestBuilder With(
        IReadOnlyList<LoadSimulation>? simulations = null,
        IReadOnlyList<Threshold>? thresholds = null,
        LoadTestOptions? options = null) =>
        new(_scenario, simulations ?? _simulations, thresholds ?? _thresholds, options ?? _options, _progress);
}
