using Resilience.Load.Text;

namespace Resilience.Load.Simulations;

/// <summary>
/// A closed-model virtual user's pause between iterations: none, fixed, or uniform in [Min, Max]
/// (drawn from the virtual user's seeded random source).
/// </summary>
public sealed record ThinkTime(TimeSpan Min, TimeSpan Max)
{
    public static ThinkTime None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public static ThinkTime Fixed(TimeSpan duration) => Uniform(duration, duration);

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

    public override string ToString() =>
        Min == Max ? DurationText.Format(Min) : $"{DurationText.Format(Min)}..{DurationText.Format(Max)}";
}
