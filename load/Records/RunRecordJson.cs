using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.Load.Records;

/// <summary>The one JSON shape of run records: camelCase, enums as strings, versioned.</summary>
public static class RunRecordJson
{
    /// <summary>The schema version this library writes (and the newest it reads).</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The serializer options of the shape, for reading a record as part of a larger document. Do not change them.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The record as indented JSON.</summary>
    public static string Serialize(RunRecord record) => JsonSerializer.Serialize(record, Options);

    /// <summary>Reads a record from JSON text.</summary>
    /// <exception cref="JsonException">The text is not a run record (or is <c>null</c>).</exception>
    public static RunRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<RunRecord>(json, Options)
        ?? throw new JsonException("A run record file holds 'null'.");

    /// <summary>Writes the record to <paramref name="path"/>, creating its directory and replacing any file there.</summary>
    public static async Task WriteAsync(RunRecord record, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, record, Options, cancellationToken);
    }

    /// <summary>Reads a record from a file.</summary>
    /// <exception cref="JsonException">The file is not a run record.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static async Task<RunRecord> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RunRecord>(stream, Options, cancellationToken)
            ?? throw new JsonException($"Run record '{path}' holds 'null'.");
    }
}
