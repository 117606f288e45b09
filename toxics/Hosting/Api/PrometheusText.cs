using System.Globalization;
using System.Text;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.Hosting.Api;

/// <summary>
/// Proxy metrics in the Prometheus text format. The byte counters keep Toxiproxy's names and labels
/// (<c>toxiproxy_proxy_received_bytes_total</c>, <c>toxiproxy_proxy_sent_bytes_total</c>); the connection
/// counters are this server's own.
/// </summary>
internal static class PrometheusText
{
    public static string Render(IReadOnlyList<TcpProxy> proxies)
    {
        var ordered = proxies.OrderBy(proxy => proxy.Name, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        Family(text, "toxiproxy_proxy_received_bytes_total", "counter", "Bytes the proxy read, per direction.", ordered,
            static (proxy, stream) => proxy.Traffic.For(stream).Received);
        Family(text, "toxiproxy_proxy_sent_bytes_total", "counter", "Bytes the proxy wrote, per direction.", ordered,
            static (proxy, stream) => proxy.Traffic.For(stream).Sent);
        Family(text, "toxiproxy_proxy_connections_total", "counter", "Client connections accepted.", ordered,
            static proxy => proxy.Traffic.ConnectionsAccepted);
        Family(text, "toxiproxy_proxy_active_connections", "gauge", "Client connections open now.", ordered,
            static proxy => proxy.Traffic.ActiveConnections);
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help, List<TcpProxy> proxies, Func<TcpProxy, ToxicStream, long> value)
    {
        Header(text, name, type, help);
        foreach (var proxy in proxies)
        {
            foreach (var stream in new[] { ToxicStream.Upstream, ToxicStream.Downstream })
            {
                Sample(text, name, $"direction=\"{stream.ToWireName()}\",{Labels(proxy)}", value(proxy, stream));
            }
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help, List<TcpProxy> proxies, Func<TcpProxy, long> value)
    {
        Header(text, name, type, help);
        foreach (var proxy in proxies)
        {
            Sample(text, name, Labels(proxy), value(proxy));
        }
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, long value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Labels(TcpProxy proxy) =>
        $"listener=\"{Escape(proxy.Listen)}\",proxy=\"{Escape(proxy.Name)}\",upstream=\"{Escape(proxy.Upstream)}\"";

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
