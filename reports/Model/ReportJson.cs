using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.Reports.Model;

/// <summary>The one JSON shape of report.json: the run record's conventions (camelCase, enums as strings).</summary>
internal static class ReportJson
{
    /// <summary>The serializer options of report.json: camelCase, indented, enums as camelCase strings, nulls written.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // Reading a baseline written elsewhere: a missing or null non-nullable member is an error, not a null later.
    private static readonly JsonSerializerOptions StrictReadOptions = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The report as the indented JSON text of report.json.</summary>
    public static string Serialize(SignoffReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Reads a report.json, refusing one written under a schema version this build does not know.</summary>
    /// <exception cref="JsonException">The text is not JSON, is of another schema version, misses a required member, has null in a non-nullable one, or is <c>null</c>.</exception>
    public static SignoffReport Deserialize(string json)
    {
        using (var document = JsonDocument.Parse(json))
        {
            if (!document.RootElement.TryGetProperty("schemaVersion", out var version)
                || version.ValueKind != JsonValueKind.Number
                || version.GetInt32() != SignoffReport.CurrentSchemaVersion)
            {
                throw new JsonException(
                    $"Not a report.json of schema version {SignoffReport.CurrentSchemaVersion}.");
            }
        }

        return JsonSerializer.Deserialize<SignoffReport>(json, StrictReadOptions)
            ?? throw new JsonException("The report file holds 'null'.");
    }
}
