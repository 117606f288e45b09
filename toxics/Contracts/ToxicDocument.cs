using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Resilience.Toxics.Contracts;

/// <summary>A toxic as Toxiproxy's API shows it.</summary>
internal sealed class ToxicDocument
{
    [JsonPropertyName("attributes")]
    public JsonObject? Attributes { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("stream")]
    public string Stream { get; set; } = "";

    [JsonPropertyName("toxicity")]
    public double Toxicity { get; set; }
}
