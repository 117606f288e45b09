using System.Text.Json.Serialization;

namespace Resilience.Toxics.Contracts;

/// <summary>Toxiproxy's error body: <c>{"error": "...", "status": 404}</c>.</summary>
internal sealed class ApiErrorDocument
{
    [JsonPropertyName("error")]
    public string Error { get; set; } = "";

    [JsonPropertyName("status")]
    public int Status { get; set; }
}

/// <summary>The answer to <c>POST /populate</c>; on failure it also carries the error fields.</summary>
internal sealed class PopulateDocument
{
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Status { get; set; }

    [JsonPropertyName("proxies")]
    public List<ProxyDocument>? Proxies { get; set; }
}

/// <summary>The answer to <c>GET /version</c>.</summary>
internal sealed class VersionDocument
{
    [JsonPropertyName("version")]
    public string Version { get; set; } = "";
}
