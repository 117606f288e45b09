using System.Collections.Concurrent;

namespace Inventory.Service.Stock;

/// <summary>
/// The last stock level this process read for each sku, from Redis or PostgreSQL. It is what a read falls back
/// on when PostgreSQL cannot answer; the answer then carries the Warning header that marks it stale. It lives in
/// process memory on purpose, so it survives a Redis outage and a PostgreSQL outage alike.
/// </summary>
public sealed class StaleCopies
{
    // Bounded by the number of skus that exist: only values read from a dependency are remembered.
    private readonly ConcurrentDictionary<string, int> _lastKnown = new(StringComparer.Ordinal);

    public void Remember(string sku, int available) => _lastKnown[sku] = available;

    public bool TryRecall(string sku, out int available) => _lastKnown.TryGetValue(sku, out available);
}
