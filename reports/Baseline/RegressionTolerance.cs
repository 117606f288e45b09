namespace Resilience.Reports.Baseline;

/// <summary>
/// How much worse than the baseline a figure may get before it is a regression: more than
/// <see cref="Percent"/> of the baseline's value AND more than the metric's noise floor. The floors keep
/// tiny baselines honest: 0 errors before and 1 error in 100 000 now is "infinitely" worse, and still noise.
/// </summary>
public sealed record RegressionTolerance
{
    public double Percent { get; init; } = 10;
    public double P95FloorMs { get; init; } = 2;
    public double ErrorRateFloor { get; init; } = 0.0005;
    public double MttrFloorS { get; init; } = 1;
    public double BreakingPointFloorRps { get; init; } = 10;

    public void Validate()
    {
        if (!double.IsFinite(Percent) || Percent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Percent), Percent, "The tolerance is a percentage of 0 or more.");
        }
    }
}
