using Resilience.Reports.Model;
using Resilience.Reports.Resources;

namespace Resilience.Reports.Writers;

/// <summary>Writes report.json and, beside it, the JSON Schema it follows.</summary>
public static class JsonReportWriter
{
    public const string FileName = "report.json";
    public const string SchemaFileName = "report.schema.json";

    public static async Task<string> WriteAsync(SignoffReport report, string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(path, ReportJson.Serialize(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, SchemaFileName), ReportResources.Read(ReportResources.Schema), cancellationToken);
        return path;
    }
}
