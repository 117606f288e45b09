using System.Globalization;
using Resilience.Reports.Model;

namespace Resilience.Reports;

/// <summary>How every format writes a figure, so the Markdown, the HTML and regression texts agree.</summary>
internal static class ReportFigures
{
    /// <summary>What a figure that was not measured shows: an em dash.</summary>
    public const string Missing = "—";

    /// <summary>Milliseconds with their unit, e.g. "12.5 ms"; <see cref="Missing"/> for null.</summary>
    public static string Milliseconds(double? ms) => ms is { } v ? $"{Number(v)} ms" : Missing;

    /// <summary>Seconds with their unit, e.g. "4.2 s"; <see cref="Missing"/> for null.</summary>
    public static string Seconds(double? s) => s is { } v ? $"{Number(v)} s" : Missing;

    /// <summary>A rate with its unit, e.g. "250 req/s"; <see cref="Missing"/> for null.</summary>
    public static string Rate(double? rps) => rps is { } v ? $"{Number(v)} req/s" : Missing;

    /// <summary>A ratio 0..1 as a percentage, with enough digits to tell 0.1 % from 0.</summary>
    public static string Percentage(double? ratio) =>
        ratio is { } v ? (v * 100).ToString(v is > 0 and < 0.0001 ? "0.####" : "0.##", CultureInfo.InvariantCulture) + " %" : Missing;

    /// <summary>A regression metric's value in its own unit; null means the figure was not reached.</summary>
    public static string ForMetric(string metric, double? value) => value is null ? "not reached" : metric switch
    {
        RegressionMetrics.P95 => Milliseconds(value),
        RegressionMetrics.ErrorRate => Percentage(value),
        RegressionMetrics.Mttr => Seconds(value),
        RegressionMetrics.BreakingPoint => Rate(value),
        _ => Number(value.Value),
    };

    /// <summary>A figure in invariant culture: whole from 100 up ("250"), else one decimal at most ("12.5", "3").</summary>
    public static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
