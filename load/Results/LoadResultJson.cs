using System.Text.Json;
using Resilience.Load.Records;

namespace Resilience.Load.Results;

/// <summary>Versioned JSON of a <see cref="LoadResult"/>, in the same shape conventions as run records.</summary>
public static class LoadResultJson
{
    public const int CurrentSchemaVersion = 1;

    public static string Serialize(LoadResult result) => JsonSerializer.Serialize(result, RunRecordJson.Options);

    public static LoadResult Deserialize(string json) =>
        Checked(JsonSerializer.Deserialize<LoadResult>(json, RunRecordJson.Options), "the text");

    public static async Task WriteAsync(LoadResult result, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, result, RunRecordJson.Options, cancellationToken);
    }

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
