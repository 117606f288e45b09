using StackExchange.Redis;

namespace Inventory.Service.Dependencies;

/// <summary>
/// Connects the service's one Redis multiplexer from <c>Inventory:Cache</c>. Redis being down must never stop the
/// service: connecting does not abort, commands fail at once while disconnected (the stock-cache breaker then sees
/// failures instead of slow queues), and reconnection keeps trying every second at most, so the cache comes back
/// within a breaker cycle of Redis returning.
/// </summary>
public static class RedisMultiplexer
{
    public static IConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 1000);
        options.ClientName ??= "inventory-service";
        // Start-up waits for the first connection at most this long; the settings string may say otherwise.
        if (!Names(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = 1000;
        }
        // Abandoned commands (see LetGo) are given up by the multiplexer after this, not after the default 5 s.
        if (!Names(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = 1000;
        }
        return ConnectionMultiplexer.Connect(options);
    }

    public static string Describe(IConnectionMultiplexer redis) =>
        string.Join(",", redis.GetEndPoints().Select(endpoint => endpoint.ToString()));

    private static bool Names(string configuration, string option) =>
        configuration.Split(',').Any(part => part.Trim().StartsWith(option + "=", StringComparison.OrdinalIgnoreCase));
}
