using System.Net.Sockets;
using Npgsql;
using Polly.Timeout;
using StackExchange.Redis;

namespace Inventory.Service.Dependencies;

/// <summary>
/// Which exceptions mean "the dependency did not answer". The breakers count exactly these, and the endpoints
/// degrade on exactly these (plus an open breaker), so the two can never disagree about what a failure is.
/// Anything else (a bug, a cancelled request) propagates untouched.
/// </summary>
public static class DependencyFailures
{
    /// <summary>PostgreSQL: driver and server errors, attempt timeouts, and the socket errors Npgsql lets through.</summary>
    public static bool FromDatabase(Exception exception) =>
        exception is NpgsqlException or TimeoutRejectedException or TimeoutException or IOException or SocketException;

    /// <summary>Redis: every StackExchange.Redis exception and attempt timeouts (RedisTimeoutException is a TimeoutException).</summary>
    public static bool FromCache(Exception exception) =>
        exception is RedisException or TimeoutRejectedException or TimeoutException;
}
