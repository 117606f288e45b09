namespace Resilience.Reports.Baseline;

/// <summary>
/// How much worse than the baseline a figure may get before it is a regression: more than
/// <see cref="Percent"/> of the baseline's value AND more than the metric's noise floor. The floors keep
/// tiny baselines honest: 0 errors before and 1 error in 100 000 now is "infinitely" worse, and still noise.
/// </summary>
public sealed record RegressionTolerance
{
    /// <summary>The allowed worsening, in percent of the baseline's value; 0 or more, default 10.</summary>
    public double Percent { get; init; } = 10;

    /// <summary>A p95 rise of at most this many milliseconds is never a regression; default 2.</summary>
    public double P95FloorMs { get; init; } = 2;

    /// <summary>An error-rate rise of at most this ratio is never a regression; default 0.0005 (0.05 percentage points).</summary>
    public double ErrorRateFloor { get; init; } = 0.0005;

    /// <summary>An MTTR rise of at most this many seconds is never a regression; default 1.</summary>
    public double MttrFloorS { get; init; } = 1;

    /// <summary>A breaking-point fall of at most this many requests per second is never a regression; default 10.</summary>
    public double BreakingPointFloorRps { get; init; } = 10;

    /// <summary>Throws unless <see cref="Percent"/> is finite and 0 or more; the floors are not checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Percent"/> is negative, NaN or infinite.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Percent) || Percent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Percent), Percent, "The tolerance is a percentage of 0 or more.");
        }
    }
}
