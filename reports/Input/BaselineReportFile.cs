using System.Text.Json;
using Resilience.Reports.Model;

namespace Resilience.Reports.Input;

/// <summary>Reads the earlier report.json a run is compared with.</summary>
public static class BaselineReportFile
{
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
