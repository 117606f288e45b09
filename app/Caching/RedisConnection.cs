using Resilience.App.Configuration;
using Resilience.App.Resilience;
using StackExchange.Redis;

namespace Resilience.App.Caching;

/// <summary>
/// Owns the app's one Redis multiplexer and replaces it when its connection can no longer be trusted. Redis
/// matches replies to commands by order alone, so a connection that lost bytes (a proxy or network dropping data
/// while the socket stays open) hands every later reply to the wrong command, for as long as the socket lives.
/// The replacement happens when the Redis breaker opens, when a reply is found to belong to another key, and
/// when the readiness ping fails on a connected socket.
/// The multiplexer does not wait for a Redis that is down and fails commands fast while disconnected.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly ILogger _logger;
    private IConnectionMultiplexer _current;
    private int _replacing;
    private int _disposed;

    /// <summary>Connects (waiting at most the connect timeout when Redis is down) and follows the Redis breaker.</summary>
    public RedisConnection(AppSettings settings, BreakerJournals breakers, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _options = ConfigurationOptions.Parse(settings.RedisConfiguration);
        _options.AbortOnConnectFail = false;
        _options.ConnectTimeout = settings.Redis.ConnectTimeoutMs;
        _options.SyncTimeout = settings.Redis.SyncTimeoutMs;
        _options.AsyncTimeout = settings.Redis.AsyncTimeoutMs;
        _options.BacklogPolicy = BacklogPolicy.FailFast;
        _options.ReconnectRetryPolicy = new LinearRetry(500);
        _options.ClientName ??= "resilience-app";
        _current = ConnectionMultiplexer.Connect(_options);
        breakers.For(Dependency.Redis).Transitioned += (_, transition) =>
        {
            if (transition.To == Polly.CircuitBreaker.CircuitState.Open)
            {
                Replace("the Redis breaker opened");
            }
        };
    }

    public IConnectionMultiplexer Current => Volatile.Read(ref _current);

    public IDatabase Database => Current.GetDatabase();

    /// <summary>Starts replacing the multiplexer (once at a time); callers keep using the current one meanwhile.</summary>
    public void Replace(string reason)
    {
        if (Interlocked.Exchange(ref _replacing, 1) == 0)
        {
            _ = ReplaceAsync(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, 1);
        await Current.DisposeAsync();
    }

    private async Task ReplaceAsync(string reason)
    {
        try
        {
            var fresh = await ConnectionMultiplexer.ConnectAsync(_options);
            if (Volatile.Read(ref _disposed) == 1)
            {
                await fresh.DisposeAsync();
                return;
            }
            var stale = Interlocked.Exchange(ref _current, fresh);
            _logger.LogWarning("Replaced the Redis connection: {Reason}", reason);
            await stale.CloseAsync(allowCommandsToComplete: false);
            await stale.DisposeAsync();
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            _logger.LogWarning("Could not replace the Redis connection ({Reason}): {Error}", reason, e.Message);
        }
        finally
        {
            Volatile.Write(ref _replacing, 0);
        }
    }
}
