using Resilience.App.Data;

namespace Resilience.App.Caching;

/// <summary>An order as kept in Redis, with the time it was cached so a reader can tell fresh from stale.</summary>
public sealed record CachedOrder(Order Order, long CachedAtUnixMs)
{
    public bool IsFresh(DateTimeOffset now, TimeSpan freshFor) =>
        now.ToUnixTimeMilliseconds() - CachedAtUnixMs < freshFor.TotalMilliseconds;
}
