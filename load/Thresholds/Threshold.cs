using Resilience.Load.Text;

namespace Resilience.Load.Thresholds;

/// <summary>
/// A pass/fail bound on a run, written as in k6: <c>p(95) &lt; 200ms</c>, <c>p(99)&lt;=1s</c>,
/// <c>error_rate &lt; 0.1%</c>, <c>rate &gt;= 1000/s</c>, <c>degraded_rate &lt; 5%</c>, optionally limited to
/// a window of the run: <c>p(95) &lt; 200ms in 10s..40s</c>. Judged over whole seconds of the timeline.
/// </summary>
public sealed record Threshold
{
    internal Threshold(string text, ThresholdMetric metric, ThresholdOperator op, double limit, TimeSpan from, TimeSpan? to)
    {
        Text = text;
        Metric = metric;
        Operator = op;
        Limit = limit;
        From = from;
        To = to;
    }

    /// <summary>The threshold as written.</summary>
    public string Text { get; }

    /// <summary>What is measured: a latency percentile, min/avg/max latency, a rate of outcomes or the throughput.</summary>
    public ThresholdMetric Metric { get; }

    /// <summary>How the measured value compares with <see cref="Limit"/> for the threshold to pass.</summary>
    public ThresholdOperator Operator { get; }

    /// <summary>Milliseconds for latencies, a fraction (0.001 = 0.1 %) for rates of outcomes, per second for <c>rate</c>.</summary>
    public double Limit { get; }

    /// <summary>Start of the judged window, from the run's start.</summary>
    public TimeSpan From { get; init; }

    /// <summary>End of the judged window; null for the end of the run.</summary>
    public TimeSpan? To { get; init; }

    /// <summary>Stop the run as soon as this threshold fails (checked every second).</summary>
    public bool AbortOnFail { get; init; }

    /// <summary>With <see cref="AbortOnFail"/>: judge for aborting only after this much of the window has run.</summary>
    public TimeSpan AbortDelay { get; init; }

    /// <summary>Parses a threshold such as <c>p(95) &lt; 200ms</c> or <c>error_rate &lt; 0.1% in 10s..40s</c>.</summary>
    /// <exception cref="ThresholdFormatException">The text is not a threshold; the message says what is wrong.</exception>
    public static Threshold Parse(string text) =>
        ThresholdParser.TryParse(text, out var threshold, out var error) ? threshold! : throw new ThresholdFormatException(error);

    /// <summary>Parses a threshold without throwing.</summary>
    /// <param name="text">The threshold as written, e.g. <c>p(95) &lt; 200ms</c>.</param>
    /// <param name="threshold">The threshold, or null when the text is not one.</param>
    /// <param name="error">Why the text is not a threshold, for the user; empty on success.</param>
    public static bool TryParse(string text, out Threshold? threshold, out string error) =>
        ThresholdParser.TryParse(text, out threshold, out error);

    /// <summary>A copy judged only over a window of the run.</summary>
    /// <param name="from">The window's start from the run's start; not negative.</param>
    /// <param name="to">The window's end; null for the end of the run.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt;= from &lt; to.</exception>
    public Threshold During(TimeSpan from, TimeSpan? to = null)
    {
        if (from < TimeSpan.Zero || to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"Threshold window needs 0 <= from < to, got {from}..{to}.");
        }

        return this with { From = from, To = to };
    }

    /// <summary>A copy that stops the run as soon as it fails.</summary>
    /// <param name="delay">How much of the window must have run before a failure aborts (so a cold start does not).</param>
    public Threshold WithAbortOnFail(TimeSpan delay = default) => this with { AbortOnFail = true, AbortDelay = delay };

    /// <summary>The bound in a normal form, e.g. "p(95) &lt; 200ms in 10s..40s".</summary>
    public string Describe() => $"{Metric} {Operator.Symbol()} {Metric.Format(Limit)}{DescribeWindow()}";

    private string DescribeWindow() =>
        From == TimeSpan.Zero && To is null ? string.Empty
        : $" in {DurationText.Format(From)}..{(To is { } to ? DurationText.Format(to) : string.Empty)}";

    /// <summary>The threshold as written (<see cref="Text"/>).</summary>
    public override string ToString() => Text;
}
