using Inventory.Service.Dependencies;
using Inventory.Service.Http;
using Polly.CircuitBreaker;

namespace Inventory.Service.Stock;

/// <summary>How Redis took part in a read, reported to the client in <c>X-Cache</c>.</summary>
public enum CacheUse { Hit, Miss, Bypass }

/// <summary>The outcome of a stock read; <see cref="Available"/> is meaningful when <see cref="Kind"/> is Fresh or Stale.</summary>
public readonly record struct StockReading(StockReading.Outcome Kind, int Available, CacheUse Cache)
{
    public enum Outcome { Fresh, Stale, Unknown, Unavailable }
}

/// <summary>
/// Cache-aside read of one sku's stock: Redis first, PostgreSQL on a miss (then written back to Redis), PostgreSQL
/// alone while Redis fails, and this process's last-known copy while PostgreSQL fails.
/// </summary>
public sealed class StockLookup(StockCache cache, StockTable table, StaleCopies copies, ILogger<StockLookup> logger)
{
    public async Task<StockReading> ReadAsync(string sku, RequestBudget budget)
    {
        var use = CacheUse.Miss;
        try
        {
            if (await cache.GetAsync(sku, budget.Token) is { } cached)
            {
                copies.Remember(sku, cached);
                return new StockReading(StockReading.Outcome.Fresh, cached, CacheUse.Hit);
            }
        }
        catch (Exception e) when (DependencyFailures.FromCache(e) || e is BrokenCircuitException || budget.RanOut(e))
        {
            logger.LogDebug("Redis bypassed for {Sku}: {Error}", sku, e.Message);
            use = CacheUse.Bypass;
        }

        int? available;
        try
        {
            available = await table.ReadAsync(sku, budget.Token);
        }
        catch (Exception e) when (DependencyFailures.FromDatabase(e) || e is BrokenCircuitException || budget.RanOut(e))
        {
            logger.LogDebug("PostgreSQL could not answer for {Sku}: {Error}", sku, e.Message);
            return copies.TryRecall(sku, out var copy)
                ? new StockReading(StockReading.Outcome.Stale, copy, use)
                : new StockReading(StockReading.Outcome.Unavailable, 0, use);
        }
        if (available is not { } level)
        {
            return new StockReading(StockReading.Outcome.Unknown, 0, use);
        }

        copies.Remember(sku, level);
        // Written back only after a clean miss: when the read just failed, the write would fail the same way and
        // spend another attempt timeout of the request's budget on it.
        if (use == CacheUse.Miss)
        {
            try
            {
                await cache.SetAsync(sku, level, budget.Token);
            }
            catch (Exception e) when (DependencyFailures.FromCache(e) || e is BrokenCircuitException || budget.RanOut(e))
            {
                logger.LogDebug("Could not cache {Sku}: {Error}", sku, e.Message);
            }
        }
        return new StockReading(StockReading.Outcome.Fresh, level, use);
    }
}
