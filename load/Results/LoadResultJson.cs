using System.Text.Json;
using Resilience.Load.Records;

namespace Resilience.Load.Results;

/// <summary>Versioned JSON of a <see cref="LoadResult"/>, in the same shape conventions as run records.</summary>
public static class LoadResultJson
{
    /// <summary>The schema version this library writes (and the newest it reads).</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The result as indented JSON (camelCase, enums as strings).</summary>
    public static string Serialize(LoadResult result) => JsonSerializer.Serialize(result, RunRecordJson.Options);

    /// <summary>Reads a result from JSON text.</summary>
    /// <exception cref="JsonException">The text is not a load result, or one of a newer schema version.</exception>
    public static LoadResult Deserialize(string json) =>
        Checked(JsonSerializer.Deserialize<LoadResult>(json, RunRecordJson.Options), "the text");

    /// <summary>Writes the result to <paramref name="path"/>, creating its directory and replacing any file there.</summary>
    public static async Task WriteAsync(LoadResult result, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, result, RunRecordJson.Options, cancellationToken);
    }

    /// <summary>Reads a result from a file.</summary>
    /// <exception cref="JsonException">The file is not a load result, or one of a newer schema version.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static async Task<LoadResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Checked(await JsonSerializer.DeserializeAsync<LoadResult>(stream, RunRecordJson.Options, cancellationToken), $"'{path}'");
    }

    private static LoadResult Checked(LoadResult? result, string source)
    {
        if (result is null)
        {
            throw new JsonException($"A load result in {source} holds 'null'.");
        }

        if (result.SchemaVersion > CurrentSchemaVersion)
        {
            throw new JsonException(
                $"The load result in {source} has schema version {result.SchemaVersion}; this build reads up to {CurrentSchemaVersion}.");
        }

        return result;
    }
}
