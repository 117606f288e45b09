using System.Text.Json;
using Resilience.App.Configuration;
using Resilience.App.Resilience;
using StackExchange.Redis;
using Order = Resilience.App.Data.Order;

namespace Resilience.App.Caching;

/// <summary>
/// Orders in Redis under <c>order:{id}</c>, kept long (so a stale copy exists when PostgreSQL fails) and
/// considered fresh briefly. Reads go through the <c>redis</c> pipeline; writes are fire-and-forget and skipped
/// while the Redis breaker is open, because a cache fill must never slow a request down.
/// </summary>
public sealed class OrderCache(
    RedisConnection redis,
    [FromKeyedServices(Dependency.Redis)] DependencyCaller caller,
    BreakerJournals breakers,
    AppSettings settings,
    TimeProvider clock)
{
    private readonly TimeSpan _freshFor = TimeSpan.FromMilliseconds(settings.Redis.FreshForMs);
    private readonly TimeSpan _keepFor = TimeSpan.FromSeconds(settings.Redis.KeepForSeconds);
    private readonly BreakerJournal _breaker = breakers.For(Dependency.Redis);

    public TimeSpan FreshFor => _freshFor;

    /// <summary>The breaker is open: callers skip Redis without waiting for anything.</summary>
    public bool IsBypassed => _breaker.IsRejecting;

    /// <summary>
    /// The cached copy, or null. A reply that is not this order (undecodable, or another id) means the connection
    /// is out of step: it fails the call and replaces the connection, and is never served.
    /// </summary>
    public ValueTask<DependencyResult<CachedOrder?>> GetAsync(long id, RequestBudget budget) =>
        caller.ExecuteAsync("cache.get", isRead: true, budget, static async (s, ct) =>
        {
            var value = await s.redis.Database.StringGetAsync(Key(s.id)).WaitOrAbandonAsync(ct);
            if (value.IsNull)
            {
                return null;
            }
            var entry = Decode(value);
            if (entry?.Order.Id != s.id)
            {
                s.redis.Replace($"a read of order {s.id} got a reply for something else");
                throw new RedisReplyMismatchException($"Redis answered the read of order {s.id} with something else");
            }
            return entry;
        }, (redis, id));

    /// <summary>Caches the order without waiting for Redis; returns false when Redis is known to be failing.</summary>
    public bool TryPut(Order order)
    {
        if (IsBypassed)
        {
            return false;
        }
        try
        {
            var entry = new CachedOrder(order, clock.GetUtcNow().ToUnixTimeMilliseconds());
            var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, AppJsonContext.Default.CachedOrder);
            redis.Database.StringSet(Key(order.Id), bytes, _keepFor, flags: CommandFlags.FireAndForget);
            return true;
        }
        catch (RedisException)
        {
            // Disconnected (fail-fast backlog): the cache stays cold, the request is unaffected.
            return false;
        }
    }

    private static RedisKey Key(long id) => $"order:{id}";

    private static CachedOrder? Decode(RedisValue value)
    {
        try
        {
            return JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, AppJsonContext.Default.CachedOrder);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
