using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.Load.Records;

/// <summary>The one JSON shape of run records: camelCase, enums as strings, versioned.</summary>
public static class RunRecordJson
{
    public const int CurrentSchemaVersion = 1;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(RunRecord record) => JsonSerializer.Serialize(record, Options);

    public static RunRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<RunRecord>(json, Options)
        ?? throw new JsonException("A run record file holds 'null'.");

    public static async Task WriteAsync(RunRecord record, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, record, Options, cancellationToken);
    }

    public static async Task<RunRecord> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RunRecord>(stream, Options, cancellationToken)
            ?? throw new JsonException($"Run record '{path}' holds 'null'.");
    }
}
