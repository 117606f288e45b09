namespace Resilience.Load.Scenarios;

/// <summary>
/// One named action of a scenario and its share of the mix. An iteration runs exactly one step, chosen by
/// weight: steps weighted 70, 20 and 10 make a 70 % / 20 % / 10 % mix.
/// </summary>
public sealed record ScenarioStep
{
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

    public string Name { get; }

    public double Weight { get; }

    public Func<StepContext, ValueTask<StepResult>> Run { get; }
}
