using System.Text.Json;
using System.Text.Json.Nodes;

namespace Resilience.Toxics.ToxicTypes;

/// <summary>The toxic types this server knows, by their Toxiproxy type name, and their attribute (de)serialization.</summary>
internal static class ToxicCatalog
{
    // Go's encoding/json matches field names case-insensitively; clients written against Toxiproxy may rely on it.
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Dictionary<string, Type> Types = new(StringComparer.Ordinal)
    {
        ["latency"] = typeof(LatencyToxic),
        ["bandwidth"] = typeof(BandwidthToxic),
        ["slow_close"] = typeof(SlowCloseToxic),
        ["timeout"] = typeof(TimeoutToxic),
        ["reset_peer"] = typeof(ResetPeerToxic),
        ["slicer"] = typeof(SlicerToxic),
        ["limit_data"] = typeof(LimitDataToxic),
        ["packet_loss"] = typeof(PacketLossToxic),
        ["tcp_loss"] = typeof(TcpLossToxic),
    };

    public static IEnumerable<string> TypeNames => Types.Keys;

    public static bool IsKnown(string type) => Types.ContainsKey(type);

    /// <summary>Attributes of a new toxic; absent ones take their defaults.</summary>
    /// <exception cref="InvalidToxicException">The attributes are not an object, have wrong types or invalid values.</exception>
    public static Toxic Create(string type, JsonElement? attributes)
    {
        var toxicType = Types[type];
        var toxic = attributes is { ValueKind: not JsonValueKind.Null } given
            ? Deserialize(RequireObject(given), toxicType)
            : (Toxic)Activator.CreateInstance(toxicType)!;
        return Validated(toxic);
    }

    /// <summary>The existing attributes with the given ones laid over them, as Toxiproxy's update does.</summary>
    public static Toxic Merge(Toxic existing, JsonElement patch)
    {
        var merged = ToJson(existing);
        foreach (var attribute in RequireObject(patch).EnumerateObject())
        {
            var existingName = merged.Select(pair => pair.Key)
                .FirstOrDefault(name => string.Equals(name, attribute.Name, StringComparison.OrdinalIgnoreCase));
            merged.Remove(existingName ?? attribute.Name);
            merged[attribute.Name] = JsonNode.Parse(attribute.Value.GetRawText());
        }

        return Validated(Deserialize(JsonSerializer.SerializeToElement(merged), existing.GetType()));
    }

    public static JsonObject ToJson(Toxic toxic) => JsonSerializer.SerializeToNode(toxic, toxic.GetType(), Json)!.AsObject();

    private static JsonElement RequireObject(JsonElement attributes) =>
        attributes.ValueKind == JsonValueKind.Object
            ? attributes
            : throw new InvalidToxicException("attributes must be a JSON object");

    private static Toxic Deserialize(JsonElement attributes, Type toxicType)
    {
        try
        {
            return (Toxic)attributes.Deserialize(toxicType, Json)!;
        }
        catch (JsonException error)
        {
            throw new InvalidToxicException($"bad toxic attributes: {error.Message}");
        }
    }

    private static Toxic Validated(Toxic toxic) =>
        toxic.Validate() is { } problem ? throw new InvalidToxicException(problem) : toxic;
}

/// <summary>A toxic's attributes cannot be used as given.</summary>
internal sealed class InvalidToxicException(string message) : Exception(message);
