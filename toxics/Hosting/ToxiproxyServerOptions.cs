using Microsoft.Extensions.Logging;

namespace Resilience.Toxics;

/// <summary>How to run a <see cref="ToxiproxyServer"/>. The defaults are toxiproxy-server's: API on 127.0.0.1:8474.</summary>
public sealed record ToxiproxyServerOptions
{
    /// <summary>Address of the REST API. Keep it on loopback unless the API must be reached from elsewhere.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port of the REST API; 0 picks a free one (see <see cref="ToxiproxyServer.ApiAddress"/>).</summary>
    public int Port { get; init; } = 8474;

    /// <summary>Largest request body the API reads; larger ones are answered 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Seeds toxicity rolls, jitter and loss, so a run can be replayed; null draws a fresh seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Proxies created at start, as <c>toxiproxy-server -config</c> does.</summary>
    public IReadOnlyList<ProxyConfig> Proxies { get; init; } = [];

    /// <summary>Where proxy and API events are logged; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The API port must be 0-65535.");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, "Allow at least 1 KiB of request body.");
        }
    }
}
