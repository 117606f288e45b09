using Resilience.Load.Thresholds;

namespace Resilience.Tests.Harness.Load;

public sealed class ThresholdParsingTests
{
    [Theory]
    [InlineData("p(95) < 200ms", ThresholdMetricKind.Percentile, 95, ThresholdOperator.LessThan, 200)]
    [InlineData("p(99)<=1s", ThresholdMetricKind.Percentile, 99, ThresholdOperator.LessThanOrEqual, 1000)]
    [InlineData("p(99.9) < 1500", ThresholdMetricKind.Percentile, 99.9, ThresholdOperator.LessThan, 1500)]
    [InlineData("P(50) < 250US", ThresholdMetricKind.Percentile, 50, ThresholdOperator.LessThan, 0.25)]
    [InlineData("med < 10ms", ThresholdMetricKind.Percentile, 50, ThresholdOperator.LessThan, 10)]
    [InlineData("max < 2s", ThresholdMetricKind.MaxLatency, 0, ThresholdOperator.LessThan, 2000)]
    [InlineData("avg <= 50ms", ThresholdMetricKind.MeanLatency, 0, ThresholdOperator.LessThanOrEqual, 50)]
    [InlineData("error_rate < 0.1%", ThresholdMetricKind.ErrorRate, 0, ThresholdOperator.LessThan, 0.001)]
    [InlineData("error_rate<0.001", ThresholdMetricKind.ErrorRate, 0, ThresholdOperator.LessThan, 0.001)]
    [InlineData("degraded_rate < 5%", ThresholdMetricKind.DegradedRate, 0, ThresholdOperator.LessThan, 0.05)]
    [InlineData("dropped_rate == 0", ThresholdMetricKind.DroppedRate, 0, ThresholdOperator.Equal, 0)]
    [InlineData("rate >= 1000/s", ThresholdMetricKind.Rate, 0, ThresholdOperator.GreaterThanOrEqual, 1000)]
    [InlineData("rate > 120/m", ThresholdMetricKind.Rate, 0, ThresholdOperator.GreaterThan, 2)]
    public void Reads_k6_style_threshold_text(string text, ThresholdMetricKind kind, double percentile, ThresholdOperator op, double limit)
    {
        var threshold = Threshold.Parse(text);

        threshold.Metric.Kind.Should().Be(kind);
        threshold.Metric.Percentile.Should().Be(percentile);
        threshold.Operator.Should().Be(op);
        threshold.Limit.Should().BeApproximately(limit, 1e-12);
        threshold.Text.Should().Be(text);
        threshold.From.Should().Be(TimeSpan.Zero);
        threshold.To.Should().BeNull();
    }

    [Fact]
    public void Reads_a_window_of_the_run()
    {
        var bounded = Threshold.Parse("p(95) < 200ms in 10s..1m30s");
        var open = Threshold.Parse("error_rate < 1% during 5s..");

        bounded.From.Should().Be(TimeSpan.FromSeconds(10));
        bounded.To.Should().Be(TimeSpan.FromSeconds(90));
        bounded.Describe().Should().Be("p(95) < 200ms in 10s..1m30s");
        open.From.Should().Be(TimeSpan.FromSeconds(5));
        open.To.Should().BeNull();
    }

    [Theory]
    [InlineData("", "no comparison")]
    [InlineData("p(95) 200ms", "no comparison")]
    [InlineData("p(95) =< 200ms", "'=' is not a comparison")]
    [InlineData("latency < 200ms", "unknown metric 'latency'")]
    [InlineData("< 200ms", "the metric is missing")]
    [InlineData("p(101) < 1s", "percentile '101' must be a number above 0 and at most 100")]
    [InlineData("p(95) < fast", "'fast' is not a number")]
    [InlineData("p(95) <", "the value is missing")]
    [InlineData("p(95) < 200xs", "'xs' is not a latency unit")]
    [InlineData("error_rate < 5ms", "'ms' is not a unit for error_rate")]
    [InlineData("error_rate < 5", "at most 1 (or 100%)")]
    [InlineData("rate >= 10/h", "'/h' is not a unit for rate")]
    [InlineData("p(95) < 200ms in 10s", "needs the form '<from>..<to>'")]
    [InlineData("p(95) < 200ms in 40s..10s", "must be after its start")]
    [InlineData("p(95) < 200ms in soon..10s", "window start")]
    public void Bad_text_gets_an_error_naming_the_wrong_part_and_the_expected_form(string text, string problem)
    {
        var parse = () => Threshold.Parse(text);

        parse.Should().Throw<ThresholdFormatException>()
            .WithMessage($"*Threshold '{text.Trim()}'*{problem}*")
            .WithMessage("*e.g. 'p(95) < 200ms'*");
        Threshold.TryParse(text, out var threshold, out var error).Should().BeFalse();
        threshold.Should().BeNull();
        error.Should().Contain(problem);
    }
}
