using System.Text.Json;

namespace Resilience.Tests.Harness.Compose;

/// <summary>One proxy of Toxiproxy's <c>-config</c> file (the populate format: name, listen, upstream, enabled).</summary>
public sealed record ToxiproxyProxy(string Name, string Listen, string Upstream, bool Enabled)
{
    public static IReadOnlyList<ToxiproxyProxy> ReadAll(string path) =>
        JsonSerializer.Deserialize<List<ToxiproxyProxy>>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException($"{path} holds no proxies.");

    public int ListenPort => Port(Listen);

    public string UpstreamHost => Upstream[..Upstream.LastIndexOf(':')];

    public int UpstreamPort => Port(Upstream);

    private static int Port(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
