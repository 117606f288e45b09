namespace Resilience.Load.Simulations;

/// <summary>
/// A spike in the open model: <see cref="BaseRate"/> for <see cref="Before"/>, a ramp of <see cref="Ramp"/>
/// (zero for a step) up to <see cref="PeakRate"/>, held for <see cref="Hold"/>, the same ramp down, then
/// <see cref="BaseRate"/> for <see cref="After"/>. Rates are per second.
/// </summary>
public sealed record SpikeOptions(
    double BaseRate,
    double PeakRate,
    TimeSpan Before,
    TimeSpan Hold,
    TimeSpan After,
    TimeSpan Ramp = default);
