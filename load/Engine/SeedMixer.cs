namespace Resilience.Load.Engine;

/// <summary>
/// Deterministic, allocation-free randomness keyed by (seed, stream, index): SplitMix64's finaliser. An open-model
/// iteration's step choice depends only on the run's seed and its place in the schedule, never on thread timing.
/// </summary>
internal static class SeedMixer
{
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public static ulong Key(long seed, long stream, long index) =>
        Mix(Mix((ulong)seed ^ (0xD6E8FEB86659FD93UL * (ulong)(stream + 1))) + (ulong)index);

    /// <summary>A uniform double in [0, 1) from a key.</summary>
    public static double Unit(ulong key) => (key >> 11) * (1.0 / (1UL << 53));

    /// <summary>A seed for <see cref="Random"/> from a key (different bits than <see cref="Unit"/> uses).</summary>
    public static int RandomSeed(ulong key) => (int)(Mix(key) & int.MaxValue);
}
