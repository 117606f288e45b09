using System.Text.Json.Serialization;

namespace Resilience.Toxics.Contracts;

/// <summary>A proxy as Toxiproxy's API shows it.</summary>
internal sealed class ProxyDocument
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("listen")]
    public string Listen { get; set; } = "";

    [JsonPropertyName("upstream")]
    public string Upstream { get; set; } = "";

    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; }

    [JsonPropertyName("toxics")]
    public List<ToxicDocument>? Toxics { get; set; }
}
