namespace Resilience.Reports.Resources;

/// <summary>Files built into the assembly: the JSON Schema, the HTML template and the charting library.</summary>
public static class ReportResources
{
    public const string Schema = "report.schema.json";
    public const string HtmlTemplate = "report-template.html";
    public const string Stylesheet = "report.css";
    public const string Script = "report.js";
    public const string ChartLibrary = "chart.umd.min.js";
    public const string AnnotationPlugin = "chartjs-plugin-annotation.min.js";

    public static string Read(string name)
    {
        using var stream = typeof(ReportResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource '{name}' is not built into {typeof(ReportResources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
