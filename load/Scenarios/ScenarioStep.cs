namespace Resilience.Load.Scenarios;

/// <summary>
/// One named action of a scenario and its share of the mix. An iteration runs exactly one step, chosen by
/// weight: steps weighted 70, 20 and 10 make a 70 % / 20 % / 10 % mix.
/// </summary>
public sealed record ScenarioStep
{
    /// <summary>A step named <paramref name="name"/> with a share <paramref name="weight"/> of the mix.</summary>
    /// <param name="name">Unique within its scenario; it names the step in the per-step results.</param>
    /// <param name="weight">Relative to the other steps' weights; positive and finite.</param>
    /// <param name="run">One invocation; a throw counts as an error of kind <see cref="ErrorKinds.FromException"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not positive and finite.</exception>
    public ScenarioStep(string name, double weight, Func<StepContext, ValueTask<StepResult>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Step '{name}' needs a positive, finite weight.");
        }

        Name = name;
        Weight = weight;
        Run = run;
    }

    /// <summary>The step's name, unique within its scenario.</summary>
    public string Name { get; }

    /// <summary>The step's share of the mix, relative to the other steps' weights.</summary>
    public double Weight { get; }

    /// <summary>One invocation of the step.</summary>
    public Func<StepContext, ValueTask<StepResult>> Run { get; }
}
