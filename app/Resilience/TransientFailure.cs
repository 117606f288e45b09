using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Timeout;
using StackExchange.Redis;

namespace Resilience.App.Resilience;

/// <summary>
/// Which outcomes count as a dependency failing (retried on reads, counted by the breaker), per dependency.
/// Business outcomes (a unique violation, a 404) and cancellations by the caller are not failures.
/// </summary>
public static class TransientFailure
{
    private static readonly Func<Outcome<object>, bool> Postgres = outcome => IsPostgresFailure(outcome.Exception);
    private static readonly Func<Outcome<object>, bool> Redis = outcome => IsRedisFailure(outcome.Exception);
    private static readonly Func<Outcome<object>, bool> External = IsExternalFailure;

    public static Func<Outcome<object>, bool> For(string dependency) => dependency switch
    {
        Dependency.Postgres => Postgres,
        Dependency.Redis => Redis,
        Dependency.Pricing => External,
        _ => throw new ArgumentOutOfRangeException(nameof(dependency), dependency, "unknown dependency"),
    };

    private static bool IsCommonFailure(Exception? e) =>
        e is TimeoutRejectedException or TimeoutException or IOException or SocketException;

    private static bool IsPostgresFailure(Exception? e) =>
        IsCommonFailure(e) || e switch
        {
            // Server-side errors (constraint violations, syntax) are answers, not outages, unless PostgreSQL says
            // they are transient (shutdown in progress, too many connections, serialization failure...).
            PostgresException pg => pg.IsTransient,
            NpgsqlException => true,
            _ => false,
        };

    private static bool IsRedisFailure(Exception? e) => IsCommonFailure(e) || e is RedisException;

    private static bool IsExternalFailure(Outcome<object> outcome) =>
        IsCommonFailure(outcome.Exception)
        || outcome.Exception is HttpRequestException
        || outcome.Result is HttpResponseMessage { StatusCode: >= System.Net.HttpStatusCode.InternalServerError
            or System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests };
}
