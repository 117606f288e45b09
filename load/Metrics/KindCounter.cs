using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Resilience.Load.Metrics;

/// <summary>Counts by kind ("http_503", "timeout", "stale") from many threads; lock-free once a kind is known.</summary>
internal sealed class KindCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    public void Increment(string kind) =>
        Interlocked.Increment(ref _counts.GetOrAdd(kind, static _ => new StrongBox<long>()).Value);

    public Dictionary<string, long> Snapshot()
    {
        var snapshot = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in _counts)
        {
            var value = Volatile.Read(ref count.Value);
            if (value > 0)
            {
                snapshot[kind] = value;
            }
        }

        return snapshot;
    }

    public void Clear() => _counts.Clear();

    public static void AddInto(Dictionary<string, long> total, IReadOnlyDictionary<string, long> part)
    {
        foreach (var (kind, count) in part)
        {
            total[kind] = total.GetValueOrDefault(kind) + count;
        }
    }
}
