using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Resilience.Reports.Model;
using Resilience.Reports.Resources;

namespace Resilience.Reports.Writers;

/// <summary>
/// report.html: one file that opens offline. The charting library (Chart.js and its annotation plugin, from
/// npm, built into this assembly), the page script, the styles and the chart data are all inlined.
/// </summary>
internal static partial class HtmlReportWriter
{
    /// <summary>The page's file name in the report's folder.</summary>
    public const string FileName = "report.html";

    /// <summary>The id of the script element that holds the chart data (<see cref="HtmlChartData"/>) as JSON.</summary>
    public const string DataElementId = "report-data";

    /// <summary>Writes report.html into <paramref name="directory"/>, replacing any file there.</summary>
    /// <param name="report">The report to render.</param>
    /// <param name="directory">The report's folder; it must exist.</param>
    /// <param name="cancellationToken">Stops writing the file.</param>
    /// <returns>The written file's path.</returns>
    public static async Task<string> WriteAsync(SignoffReport report, string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(path, Render(report), cancellationToken);
        return path;
    }

    /// <summary>The page's HTML: the template with the text sections, chart data, styles and scripts inlined.</summary>
    public static string Render(SignoffReport report)
    {
        var scenarios = HtmlReportSections.Ordered(report);
        var body = new StringBuilder();
        body.Append(HtmlReportSections.Header(report));
        body.Append(HtmlReportSections.VerdictTable(report));
        body.Append(HtmlReportSections.Regressions(report));
        for (var i = 0; i < scenarios.Count; i++)
        {
            body.Append(HtmlReportSections.Scenario(scenarios[i], i));
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = WebUtility.HtmlEncode($"Resilience sign-off {report.RunId}: {(report.Verdict == Verdict.Pass ? "PASS" : "FAIL")}"),
            ["style"] = ReportResources.Read(ReportResources.Stylesheet),
            ["body"] = body.ToString(),
            ["data"] = ScriptSafeJson(JsonSerializer.Serialize(HtmlChartData.From(report), ReportJson.Options)),
            ["chart-library"] = ScriptSafe(ReportResources.Read(ReportResources.ChartLibrary)),
            ["annotation-plugin"] = ScriptSafe(ReportResources.Read(ReportResources.AnnotationPlugin)),
            ["script"] = ScriptSafe(ReportResources.Read(ReportResources.Script)),
        };

        // One pass over the template: text inserted for one placeholder is never searched for another.
        return Placeholder().Replace(ReportResources.Read(ReportResources.HtmlTemplate), match =>
            parts.TryGetValue(match.Groups["name"].Value, out var part)
                ? part
                : throw new InvalidOperationException($"The HTML template names an unknown part '{match.Value}'."));
    }

    /// <summary>
    /// JSON inside a script element: "&lt;" can only occur inside JSON strings, where \u003c means the same
    /// character, so no data can close the element ("&lt;/script&gt;") or open a comment ("&lt;!--").
    /// </summary>
    public static string ScriptSafeJson(string json) => json
        .Replace("<", "\\u003c", StringComparison.Ordinal)
        .Replace(">", "\\u003e", StringComparison.Ordinal)
        .Replace("&", "\\u0026", StringComparison.Ordinal)
        .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
        .Replace("\u2029", "\\u2029", StringComparison.Ordinal);

    /// <summary>
    /// Code inside a script element: "&lt;/script" in a string or regex of a library would end the element
    /// early; "&lt;\/script" means the same in both and does not.
    /// </summary>
    public static string ScriptSafe(string code) => ScriptEnd().Replace(code, match => "<\\/" + match.Value[2..]);

    [GeneratedRegex(@"\{\{(?<name>[a-z-]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("</script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptEnd();
}
