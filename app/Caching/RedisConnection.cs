using Resilience.App.Configuration;
using StackExchange.Redis;

namespace Resilience.App.Caching;

/// <summary>
/// Opens the one multiplexer the app shares. It never blocks start-up on Redis being down, and fails commands
/// fast while disconnected instead of queuing them, so a dead Redis costs a request nothing once detected.
/// </summary>
public static class RedisConnection
{
    public static async Task<IConnectionMultiplexer> ConnectAsync(string configuration, RedisSettings settings, TextWriter? log = null)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = settings.ConnectTimeoutMs;
        options.SyncTimeout = settings.SyncTimeoutMs;
        options.AsyncTimeout = settings.AsyncTimeoutMs;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName ??= "resilience-app";
        return await ConnectionMultiplexer.ConnectAsync(options, log);
    }
}
