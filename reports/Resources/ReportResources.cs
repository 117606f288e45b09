namespace Resilience.Reports.Resources;

/// <summary>Files built into the assembly: the JSON Schema, the HTML template and the charting library.</summary>
internal static class ReportResources
{
    /// <summary>The JSON Schema (draft-07) of report.json.</summary>
    public const string Schema = "report.schema.json";

    /// <summary>The page report.html is made from; its <c>{{name}}</c> placeholders take the parts.</summary>
    public const string HtmlTemplate = "report-template.html";

    /// <summary>The page's styles.</summary>
    public const string Stylesheet = "report.css";

    /// <summary>The page's script, which draws the charts from the embedded chart data.</summary>
    public const string Script = "report.js";

    /// <summary>Chart.js, from npm (package-lock.json pins its version).</summary>
    public const string ChartLibrary = "chart.umd.min.js";

    /// <summary>chartjs-plugin-annotation, which shades the fault windows; from npm.</summary>
    public const string AnnotationPlugin = "chartjs-plugin-annotation.min.js";

    /// <summary>The text of a built-in file, e.g. <c>Read(ReportResources.Schema)</c>.</summary>
    /// <param name="name">One of this class's constants.</param>
    /// <exception cref="InvalidOperationException">No file of that name is built into the assembly.</exception>
    public static string Read(string name)
    {
        using var stream = typeof(ReportResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource '{name}' is not built into {typeof(ReportResources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
