using Resilience.Reports.Model;
using Resilience.Reports.Resources;

namespace Resilience.Reports.Writers;

/// <summary>Writes report.json and, beside it, the JSON Schema it follows.</summary>
internal static class JsonReportWriter
{
    /// <summary>The report's file name in the report's folder.</summary>
    public const string FileName = "report.json";

    /// <summary>The file name of the JSON Schema written beside it.</summary>
    public const string SchemaFileName = "report.schema.json";

    /// <summary>Writes report.json and report.schema.json into <paramref name="directory"/>, replacing any there.</summary>
    /// <param name="report">The report to write.</param>
    /// <param name="directory">The report's folder; it must exist.</param>
    /// <param name="cancellationToken">Stops writing the files.</param>
    /// <returns>The path of report.json.</returns>
    public static async Task<string> WriteAsync(SignoffReport report, string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(path, ReportJson.Serialize(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, SchemaFileName), ReportResources.Read(ReportResources.Schema), cancellationToken);
        return path;
    }
}
