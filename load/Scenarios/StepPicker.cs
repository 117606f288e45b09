namespace Resilience.Load.Scenarios;

/// <summary>Maps a uniform draw in [0, 1) to a step index by cumulative weight.</summary>
internal sealed class StepPicker
{
    private readonly double[] _cumulativeShare;

    public StepPicker(IReadOnlyList<ScenarioStep> steps)
    {
        var total = steps.Sum(step => step.Weight);
        _cumulativeShare = new double[steps.Count];
        var running = 0.0;
        for (var i = 0; i < steps.Count; i++)
        {
            running += steps[i].Weight;
            _cumulativeShare[i] = running / total;
        }
    }

    public int Pick(double uniform)
    {
        var shares = _cumulativeShare;
        for (var i = 0; i < shares.Length - 1; i++)
        {
            if (uniform < shares[i])
            {
                return i;
            }
        }

        return shares.Length - 1;
    }
}
