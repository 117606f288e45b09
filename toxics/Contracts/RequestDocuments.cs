using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.Toxics.Contracts;

/// <summary>A proxy in a create, update or populate request; absent fields are null.</summary>
internal sealed class ProxyInput
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("listen")]
    public string? Listen { get; set; }

    [JsonPropertyName("upstream")]
    public string? Upstream { get; set; }

    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }
}

/// <summary>A toxic in a create or update request; absent fields are null.</summary>
internal sealed class ToxicInput
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("stream")]
    public string? Stream { get; set; }

    [JsonPropertyName("toxicity")]
    public double? Toxicity { get; set; }

    [JsonPropertyName("attributes")]
    public JsonElement? Attributes { get; set; }
}
