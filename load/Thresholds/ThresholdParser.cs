using System.Globalization;
using Resilience.Load.Text;

namespace Resilience.Load.Thresholds;

/// <summary>Reads threshold text: <c>metric op value[unit] [in from..to]</c>. Errors name the part that is wrong.</summary>
internal static class ThresholdParser
{
    private const string Form =
        "Write '<metric> <op> <value>[ in <from>..<to>]', e.g. 'p(95) < 200ms', 'error_rate < 0.1%', 'rate >= 1000/s', 'p(99) <= 1s in 10s..40s'.";

    private static readonly string KnownMetrics = "p(N), max, min, avg, med, error_rate, degraded_rate, dropped_rate, rate";

    public static bool TryParse(string? text, out Threshold? threshold, out string error)
    {
        threshold = null;
        var input = (text ?? string.Empty).Trim();
        if (!TryParseParts(input, out var metric, out var op, out var limit, out var from, out var to, out var problem))
        {
            error = $"Threshold '{input}': {problem} {Form}";
            return false;
        }

        threshold = new Threshold(input, metric, op, limit, from, to);
        error = string.Empty;
        return true;
    }

    private static bool TryParseParts(
        string input,
        out ThresholdMetric metric,
        out ThresholdOperator op,
        out double limit,
        out TimeSpan from,
        out TimeSpan? to,
        out string problem)
    {
        metric = default;
        op = default;
        limit = 0;
        from = TimeSpan.Zero;
        to = null;
        var lower = input.ToLowerInvariant();
        var comparison = lower.IndexOfAny(['<', '>', '=']);
        if (comparison < 0)
        {
            problem = "it has no comparison (<, <=, >, >=, ==).";
            return false;
        }

        var opLength = comparison + 1 < lower.Length && lower[comparison + 1] == '=' ? 2 : 1;
        if (!ThresholdOperators.TryParse(lower.Substring(comparison, opLength), out op))
        {
            problem = $"'{lower.Substring(comparison, opLength)}' is not a comparison (<, <=, >, >=, ==).";
            return false;
        }

        var right = lower[(comparison + opLength)..].Trim();
        var windowAt = IndexOfWord(right, "in") is var inAt and >= 0 ? inAt : IndexOfWord(right, "during");
        var valueText = windowAt < 0 ? right : right[..windowAt].Trim();
        if (!TryParseMetric(lower[..comparison].Trim(), out metric, out problem)
            || !TryParseLimit(metric, valueText, out limit, out problem))
        {
            return false;
        }

        return windowAt < 0 || TryParseWindow(right[windowAt..], out from, out to, out problem);
    }

    private static bool TryParseMetric(string text, out ThresholdMetric metric, out string problem)
    {
        problem = string.Empty;
        metric = text switch
        {
            "max" => new ThresholdMetric(ThresholdMetricKind.MaxLatency),
            "min" => new ThresholdMetric(ThresholdMetricKind.MinLatency),
            "avg" or "mean" => new ThresholdMetric(ThresholdMetricKind.MeanLatency),
            "med" => new ThresholdMetric(ThresholdMetricKind.Percentile, 50),
            "error_rate" => new ThresholdMetric(ThresholdMetricKind.ErrorRate),
            "degraded_rate" => new ThresholdMetric(ThresholdMetricKind.DegradedRate),
            "dropped_rate" => new ThresholdMetric(ThresholdMetricKind.DroppedRate),
            "rate" => new ThresholdMetric(ThresholdMetricKind.Rate),
            _ => default,
        };
        if (metric != default)
        {
            return true;
        }

        if (text.StartsWith("p(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            var inside = text[2..^1].Trim();
            if (double.TryParse(inside, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percentile)
                && percentile is > 0 and <= 100)
            {
                metric = new ThresholdMetric(ThresholdMetricKind.Percentile, percentile);
                return true;
            }

            problem = $"percentile '{inside}' must be a number above 0 and at most 100.";
            return false;
        }

        problem = text.Length == 0 ? "the metric is missing." : $"unknown metric '{text}' (known: {KnownMetrics}).";
        return false;
    }

    private static bool TryParseLimit(ThresholdMetric metric, string text, out double limit, out string problem)
    {
        limit = 0;
        var numberLength = 0;
        while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
        {
            numberLength++;
        }

        if (numberLength == 0 || !double.TryParse(text[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            problem = text.Length == 0 ? "the value is missing." : $"'{text}' is not a number.";
            return false;
        }

        var unit = text[numberLength..].Trim();
        problem = string.Empty;
        if (metric.IsLatency)
        {
            if (unit.Length == 0)
            {
                limit = number; // k6: a bare latency is in milliseconds
                return true;
            }

            if (DurationText.TryParse(text, out var duration, out _))
            {
                limit = duration.TotalMilliseconds;
                return true;
            }

            problem = $"'{unit}' is not a latency unit for {metric} (use ms, s, us or m).";
            return false;
        }

        if (metric.IsFraction)
        {
            limit = unit switch { "%" => number / 100, "" => number, _ => double.NaN };
            if (double.IsNaN(limit))
            {
                problem = $"'{unit}' is not a unit for {metric}; write a fraction (0.001) or a percentage (0.1%).";
                return false;
            }

            if (limit > 1)
            {
                problem = $"{metric} is a fraction of iterations, at most 1 (or 100%), not {text}.";
                return false;
            }

            return true;
        }

        limit = unit switch { "" or "/s" => number, "/m" => number / 60, _ => double.NaN };
        if (double.IsNaN(limit))
        {
            problem = $"'{unit}' is not a unit for rate; write iterations per second as '1000/s' (or per minute as '60/m').";
            return false;
        }

        return true;
    }

    private static bool TryParseWindow(string text, out TimeSpan from, out TimeSpan? to, out string problem)
    {
        from = TimeSpan.Zero;
        to = null;
        var bounds = text[(text.IndexOf(' ') + 1)..].Trim();
        var separator = bounds.IndexOf("..", StringComparison.Ordinal);
        if (separator < 0)
        {
            problem = $"window '{bounds}' needs the form '<from>..<to>' (e.g. '10s..40s'; '10s..' runs to the end).";
            return false;
        }

        if (!DurationText.TryParse(bounds[..separator], out from, out problem))
        {
            problem = $"window start: {problem}";
            return false;
        }

        var end = bounds[(separator + 2)..].Trim();
        if (end.Length > 0)
        {
            if (!DurationText.TryParse(end, out var parsedEnd, out problem))
            {
                problem = $"window end: {problem}";
                return false;
            }

            if (parsedEnd <= from)
            {
                problem = $"window end {end} must be after its start {bounds[..separator]}.";
                return false;
            }

            to = parsedEnd;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>Index of <paramref name="word"/> standing alone (spaces around it), or -1.</summary>
    private static int IndexOfWord(string text, string word)
    {
        var at = text.IndexOf($" {word} ", StringComparison.Ordinal);
        return at < 0 ? -1 : at + 1;
    }
}
