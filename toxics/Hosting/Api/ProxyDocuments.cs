using Resilience.Toxics.Contracts;
using Resilience.Toxics.Proxying;
using Resilience.Toxics.ToxicTypes;

namespace Resilience.Toxics.Hosting.Api;

/// <summary>Renders proxies and toxics in Toxiproxy's JSON shapes.</summary>
internal static class ProxyDocuments
{
    public static ProxyDocument From(TcpProxy proxy) => new()
    {
        Name = proxy.Name,
        Listen = proxy.Listen,
        Upstream = proxy.Upstream,
        Enabled = proxy.Enabled,
        Toxics = [.. proxy.Toxics.All.Select(From)],
    };

    public static ToxicDocument From(ToxicDefinition toxic) => new()
    {
        Attributes = ToxicCatalog.ToJson(toxic.Attributes),
        Name = toxic.Name,
        Type = toxic.Type,
        Stream = toxic.Stream.ToWireName(),
        Toxicity = toxic.Toxicity,
    };
}
