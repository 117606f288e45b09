using System.Globalization;
using System.Net;

namespace Resilience.Toxics.Proxying;

/// <summary>Parses Toxiproxy's <c>host:port</c> addresses (<c>[v6]:port</c> for IPv6).</summary>
internal static class EndpointAddress
{
    /// <summary>
    /// Where a proxy listens. An empty host means loopback (Toxiproxy would listen on every interface; this harness
    /// stays on 127.0.0.1 unless an address is named), and port 0 picks a free port.
    /// </summary>
    public static IPEndPoint ParseListen(string listen)
    {
        var (host, port) = Split(listen, "listen", allowPortZero: true);
        var address = host is "" or "localhost" ? IPAddress.Loopback : Resolve(host, "listen");
        return new IPEndPoint(address, port);
    }

    /// <summary>Where a proxy connects; host names other than localhost are resolved on every connection.</summary>
    public static EndPoint ParseUpstream(string upstream)
    {
        var (host, port) = Split(upstream, "upstream", allowPortZero: false);
        if (host is "" or "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
    }

    private static (string Host, int Port) Split(string value, string field, bool allowPortZero)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            throw Invalid(field, value, "expected host:port");
        }

        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            throw Invalid(field, value, "IPv6 addresses go in brackets, [::1]:port");
        }

        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > IPEndPoint.MaxPort || (port == 0 && !allowPortZero))
        {
            throw Invalid(field, value, allowPortZero ? "port must be 0-65535" : "port must be 1-65535");
        }

        return (host, port);
    }

    private static IPAddress Resolve(string host, string field)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            return addresses.FirstOrDefault(candidate => candidate.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? addresses.First();
        }
        catch (Exception error) when (error is System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            throw Invalid(field, host, "host name does not resolve");
        }
    }

    private static ProxyStateException Invalid(string field, string value, string reason) =>
        new(ProxyErrorKind.Invalid, $"invalid {field} address '{value}': {reason}");
}
