using System.Text.Json;
using Resilience.Reports.Model;

namespace Resilience.Reports.Input;

/// <summary>Reads the earlier report.json a run is compared with.</summary>
internal static class BaselineReportFile
{
    /// <summary>Reads and checks the report.json at <paramref name="path"/>.</summary>
    /// <param name="path">The baseline's path, e.g. "earlier/report.json".</param>
    /// <param name="cancellationToken">Stops reading the file.</param>
    /// <exception cref="ReportInputException">The file does not exist, or is not a report.json of the current schema version.</exception>
    public static async Task<SignoffReport> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new ReportInputException($"The baseline report '{path}' does not exist.");
        }

        try
        {
            return ReportJson.Deserialize(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (JsonException e)
        {
            throw new ReportInputException($"The baseline '{path}' is not a readable report.json: {e.Message}", e);
        }
    }
}
