using Resilience.Load.Text;

namespace Resilience.Load.Simulations;

/// <summary>
/// A closed-model virtual user's pause between iterations: none, fixed, or uniform in [Min, Max]
/// (drawn from the virtual user's seeded random source).
/// </summary>
/// <param name="Min">Shortest pause.</param>
/// <param name="Max">Longest pause; equal to <paramref name="Min"/> for a fixed one.</param>
public sealed record ThinkTime(TimeSpan Min, TimeSpan Max)
{
    /// <summary>No pause: each virtual user starts its next iteration at once.</summary>
    public static ThinkTime None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The same pause every time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static ThinkTime Fixed(TimeSpan duration) => Uniform(duration, duration);

    /// <summary>A pause drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt;= min &lt;= max.</exception>
    public static ThinkTime Uniform(TimeSpan min, TimeSpan max)
    {
        if (min < TimeSpan.Zero || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Think time needs 0 <= min <= max, got {min}..{max}.");
        }

        return new ThinkTime(min, max);
    }

    internal TimeSpan Draw(Random random) =>
        Min == Max ? Min : Min + TimeSpan.FromTicks((long)(random.NextDouble() * (Max - Min).Ticks));

    /// <summary>E.g. <c>500ms</c> or <c>1s..2s</c>.</summary>
    public override string ToString() =>
        Min == Max ? DurationText.Format(Min) : $"{DurationText.Format(Min)}..{DurationText.Format(Max)}";
}
