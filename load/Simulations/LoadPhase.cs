using Resilience.Load.Text;

namespace Resilience.Load.Simulations;

/// <summary>A simulation laid out on the run's schedule: absolute start, duration, and what to drive.</summary>
internal abstract record LoadPhase(TimeSpan Start, TimeSpan Duration)
{
    public TimeSpan End => Start + Duration;

    public abstract string Describe();
}

/// <summary>Open model: arrivals at a rate moving linearly from <see cref="FromRate"/> to <see cref="ToRate"/> per second.</summary>
internal sealed record OpenPhase(TimeSpan Start, TimeSpan Duration, double FromRate, double ToRate) : LoadPhase(Start, Duration)
{
    public ArrivalSchedule Schedule { get; } = new(FromRate, ToRate, Duration.TotalSeconds);

    public override string Describe() => FromRate.Equals(ToRate)
        ? $"inject {FromRate:0.###}/s for {DurationText.Format(Duration)}"
        : $"ramp arrivals {FromRate:0.###}/s -> {ToRate:0.###}/s over {DurationText.Format(Duration)}";
}

/// <summary>Closed model: virtual users moving linearly from <see cref="FromCopies"/> to <see cref="ToCopies"/>.</summary>
internal sealed record ClosedPhase(TimeSpan Start, TimeSpan Duration, int FromCopies, int ToCopies, ThinkTime ThinkTime)
    : LoadPhase(Start, Duration)
{
    public int CopiesAt(TimeSpan sinceStart)
    {
        var progress = Math.Clamp(sinceStart / Duration, 0, 1);
        return (int)Math.Round(FromCopies + ((ToCopies - FromCopies) * progress), MidpointRounding.AwayFromZero);
    }

    public override string Describe()
    {
        var think = ThinkTime == ThinkTime.None ? string.Empty : $", think {ThinkTime}";
        return FromCopies == ToCopies
            ? $"keep {ToCopies} virtual users for {DurationText.Format(Duration)}{think}"
            : $"ramp virtual users {FromCopies} -> {ToCopies} over {DurationText.Format(Duration)}{think}";
    }
}

internal sealed record PausePhase(TimeSpan Start, TimeSpan Duration) : LoadPhase(Start, Duration)
{
    public override string Describe() => $"pause {DurationText.Format(Duration)}";
}
