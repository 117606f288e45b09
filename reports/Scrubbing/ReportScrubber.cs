using System.Text.Json;
using System.Text.Json.Nodes;
using Resilience.Reports.Model;

namespace Resilience.Reports.Scrubbing;

/// <summary>
/// Scrubs every string of a report, property names of dictionaries included, by walking its JSON form:
/// a field added to the model later is covered without anyone remembering to scrub it.
/// All writers render the scrubbed report, so no format can leak what another masks.
/// </summary>
internal static class ReportScrubber
{
    /// <summary>A copy of <paramref name="report"/> with every string passed through <paramref name="scrubber"/>.</summary>
    /// <remarks>Object keys that become equal once masked are kept apart with a " (2)", " (3)"... suffix.</remarks>
    public static SignoffReport Scrub(SignoffReport report, SecretScrubber scrubber)
    {
        var node = JsonSerializer.SerializeToNode(report, ReportJson.Options)
            ?? throw new InvalidOperationException("A report serialised to null.");
        return ScrubNode(node, scrubber)!.Deserialize<SignoffReport>(ReportJson.Options)
            ?? throw new InvalidOperationException("A scrubbed report deserialised to null.");
    }

    private static JsonNode? ScrubNode(JsonNode? node, SecretScrubber scrubber)
    {
        switch (node)
        {
            case JsonObject obj:
                var scrubbed = new JsonObject();
                foreach (var (name, value) in obj.ToList())
                {
                    obj.Remove(name);
                    scrubbed[UniqueName(scrubbed, scrubber.Scrub(name))] = ScrubNode(value, scrubber);
                }

                return scrubbed;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                return new JsonArray(items.Select(item => ScrubNode(item, scrubber)).ToArray());
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(scrubber.Scrub(value.GetValue<string>()));
            default:
                return node;
        }
    }

    // Two keys that differed only in a secret must not overwrite each other once masked.
    private static string UniqueName(JsonObject target, string name)
    {
        var unique = name;
        for (var n = 2; target.ContainsKey(unique); n++)
        {
            unique = $"{name} ({n})";
        }

        return unique;
    }
}
