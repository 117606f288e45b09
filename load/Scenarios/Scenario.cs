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

    public string Name { get; }

    public IReadOnlyList<ScenarioStep> Steps { get; }

    public static Scenario Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Scenario(name, []);
    }

    /// <summary>A scenario of one step that always runs.</summary>
    public static Scenario Create(string name, Func<StepContext, ValueTask<StepResult>> run) =>
        Create(name).WithStep(name, 1, run);

    public Scenario WithStep(string stepName, double weight, Func<StepContext, ValueTask<StepResult>> run) =>
        WithStep(new ScenarioStep(stepName, weight, run));

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
