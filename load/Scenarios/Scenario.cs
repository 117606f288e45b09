namespace Resilience.Load.Scenarios;

/// <summary>
/// A named, immutable mix of weighted steps. Build it up with <see cref="WithStep(ScenarioStep)"/>; each call
/// returns a new scenario.
/// </summary>
public sealed class Scenario
{
    private Scenario(string name, IReadOnlyList<ScenarioStep> steps)
    {
        Name = name;
        Steps = steps;
    }

    /// <summary>The scenario's name, used in progress lines, results and run records.</summary>
    public string Name { get; }

    /// <summary>The steps in the order added; each iteration runs one, chosen by weight.</summary>
    public IReadOnlyList<ScenarioStep> Steps { get; }

    /// <summary>A scenario with no steps yet; add them with <see cref="WithStep(ScenarioStep)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static Scenario Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Scenario(name, []);
    }

    /// <summary>A scenario of one step that always runs.</summary>
    public static Scenario Create(string name, Func<StepContext, ValueTask<StepResult>> run) =>
        Create(name).WithStep(name, 1, run);

    /// <summary>A copy of this scenario with one more step.</summary>
    /// <param name="stepName">Unique within the scenario; it names the step in the per-step results.</param>
    /// <param name="weight">The step's share of the mix relative to the others' weights; positive and finite.</param>
    /// <param name="run">One invocation of the step; it returns how it went rather than throwing (a throw counts as an error).</param>
    /// <exception cref="ArgumentException">The scenario already has a step of that name, or the name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not positive and finite.</exception>
    public Scenario WithStep(string stepName, double weight, Func<StepContext, ValueTask<StepResult>> run) =>
        WithStep(new ScenarioStep(stepName, weight, run));

    /// <summary>A copy of this scenario with <paramref name="step"/> added.</summary>
    /// <exception cref="ArgumentException">The scenario already has a step of that name.</exception>
    public Scenario WithStep(ScenarioStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (Steps.Any(existing => existing.Name == step.Name))
        {
            throw new ArgumentException($"Scenario '{Name}' already has a step named '{step.Name}'.", nameof(step));
        }

        return new Scenario(Name, [.. Steps, step]);
    }
}
