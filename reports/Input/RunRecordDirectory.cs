using System.Text.Json;
using Resilience.Load.Records;

namespace Resilience.Reports.Input;

/// <summary>Reads the run records of one test run: every *.json file directly in a folder.</summary>
internal static class RunRecordDirectory
{
    // The record's own options, plus: a missing or null non-nullable member is an error, not a null reference later.
    private static readonly JsonSerializerOptions StrictOptions = new(RunRecordJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads every *.json file directly in <paramref name="directory"/>, in ordinal order of their paths.</summary>
    /// <param name="directory">The runs folder, e.g. "artifacts/resilience/runs"; subfolders are not read.</param>
    /// <param name="cancellationToken">Stops reading files.</param>
    /// <exception cref="ReportInputException">The folder does not exist, holds no *.json file, or one is not a readable run record.</exception>
    public static async Task<IReadOnlyList<RunRecord>> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
        {
            throw new ReportInputException($"The run record folder '{directory}' does not exist.");
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new ReportInputException($"The run record folder '{directory}' holds no run records (*.json).");
        }

        var records = new List<RunRecord>(files.Count);
        foreach (var file in files)
        {
            records.Add(await ReadAsync(file, cancellationToken));
        }

        return records;
    }

    /// <summary>Reads one run record strictly: a missing member, or null where the record allows none, is an error.</summary>
    /// <param name="file">The record's path.</param>
    /// <param name="cancellationToken">Stops reading the file.</param>
    /// <exception cref="ReportInputException">
    /// The file is not a run record, holds null, is of a newer schema version than this library reads, or names no scenario.
    /// </exception>
    public static async Task<RunRecord> ReadAsync(string file, CancellationToken cancellationToken = default)
    {
        RunRecord? record;
        try
        {
            await using var stream = File.OpenRead(file);
            record = await JsonSerializer.DeserializeAsync<RunRecord>(stream, StrictOptions, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new ReportInputException($"'{file}' is not a run record: {e.Message}", e);
        }

        if (record is null)
        {
            throw new ReportInputException($"'{file}' holds 'null', not a run record.");
        }

        if (record.SchemaVersion > RunRecordJson.CurrentSchemaVersion)
        {
            throw new ReportInputException(
                $"'{file}' is a run record of schema version {record.SchemaVersion}; this report generator reads up to {RunRecordJson.CurrentSchemaVersion}.");
        }

        if (string.IsNullOrWhiteSpace(record.Scenario))
        {
            throw new ReportInputException($"'{file}' is a run record without a scenario name.");
        }

        return record;
    }
}
