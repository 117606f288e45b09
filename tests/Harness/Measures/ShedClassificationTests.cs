using Resilience.Reference.Workloads;
using System.Net;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Workloads;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Tests.Harness.Measures;

/// <summary>A shed is a fast 503 or 429 with Retry-After; any other refusal is a failure.</summary>
public sealed class ShedClassificationTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(800);

    [Fact]
    public void A_fast_503_with_retry_after_is_shed()
    {
        OutcomeRules.Default.Classify(Refusal(HttpStatusCode.ServiceUnavailable, retryAfter: true), Fast).Should().Be(RequestOutcome.Shed);
    }

    [Fact]
    public void A_slow_503_with_retry_after_is_failed()
    {
        OutcomeRules.Default.Classify(Refusal(HttpStatusCode.ServiceUnavailable, retryAfter: true), Slow).Should().Be(RequestOutcome.Failed);
    }

    [Fact]
    public void A_fast_503_without_retry_after_is_failed()
    {
        OutcomeRules.Default.Classify(Refusal(HttpStatusCode.ServiceUnavailable, retryAfter: false), Fast).Should().Be(RequestOutcome.Failed);
    }

    [Fact]
    public void A_fast_429_with_retry_after_is_shed_and_without_it_failed()
    {
        OutcomeRules.Default.Classify(Refusal(HttpStatusCode.TooManyRequests, retryAfter: true), Fast).Should().Be(RequestOutcome.Shed);
        OutcomeRules.Default.Classify(Refusal(HttpStatusCode.TooManyRequests, retryAfter: false), Fast).Should().Be(RequestOutcome.Failed);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.NotFound)]
    public void Other_errors_are_failed_even_fast_and_with_retry_after(HttpStatusCode status)
    {
        OutcomeRules.Default.Classify(Refusal(status, retryAfter: true), Fast).Should().Be(RequestOutcome.Failed);
    }

    [Fact]
    public void Transport_failures_are_failed_whatever_their_speed()
    {
        OutcomeRules.Default.Classify(StepResult.Error("timeout"), Fast).Should().Be(RequestOutcome.Failed);
        OutcomeRules.Default.Classify(StepResult.Error("connection_reset"), Fast).Should().Be(RequestOutcome.Failed);
    }

    [Fact]
    public void Answers_are_ok_or_degraded_however_long_they_took()
    {
        OutcomeRules.Default.Classify(StepResult.Ok, Slow).Should().Be(RequestOutcome.Ok);
        OutcomeRules.Default.Classify(StepResult.Degraded("stale"), Slow).Should().Be(RequestOutcome.Degraded);
    }

    [Fact]
    public void The_default_bound_is_100_ms_inclusive()
    {
        var shed = Refusal(HttpStatusCode.ServiceUnavailable, retryAfter: true);

        OutcomeRules.Default.ShedWithin.Should().Be(TimeSpan.FromMilliseconds(100));
        OutcomeRules.Default.Classify(shed, TimeSpan.FromMilliseconds(100)).Should().Be(RequestOutcome.Shed);
        OutcomeRules.Default.Classify(shed, TimeSpan.FromMilliseconds(101)).Should().Be(RequestOutcome.Failed);
    }

    [Fact]
    public void The_bound_is_settable_both_ways()
    {
        var shed = Refusal(HttpStatusCode.ServiceUnavailable, retryAfter: true);
        var patient = new OutcomeRules { ShedWithin = TimeSpan.FromSeconds(1) };
        var strict = new OutcomeRules { ShedWithin = TimeSpan.FromMilliseconds(2) };

        patient.Classify(shed, Slow).Should().Be(RequestOutcome.Shed);
        strict.Classify(shed, Fast).Should().Be(RequestOutcome.Failed);
    }

    [Fact]
    public void The_workload_uses_the_default_rules_unless_told_otherwise()
    {
        new OrdersWorkloadOptions().OutcomeRules.Should().BeSameAs(OutcomeRules.Default);
        (OrdersWorkloadOptions.ReadsOnly with { OutcomeRules = new OutcomeRules { ShedWithin = TimeSpan.FromMilliseconds(250) } })
            .OutcomeRules.ShedWithin.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_bound_that_is_not_positive_is_refused(int milliseconds)
    {
        var act = () => new OutcomeRules { ShedWithin = TimeSpan.FromMilliseconds(milliseconds) };

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_http_step_marks_an_error_that_carries_retry_after()
    {
        using var shed = Response(HttpStatusCode.ServiceUnavailable, retryAfter: true);
        using var bare = Response(HttpStatusCode.ServiceUnavailable, retryAfter: false);

        HttpOutcomes.Classify(shed).Should().Be(StepResult.Error("http_503") with { RetryAfter = true });
        HttpOutcomes.Classify(bare).Should().Be(StepResult.Error("http_503"));
        HttpOutcomes.Classify(bare).RetryAfter.Should().BeFalse();
    }

    [Fact]
    public void The_reference_apps_refusal_counts_as_shed_when_fast()
    {
        // app/Endpoints/ApiResults.Unavailable: 503 with Retry-After in whole seconds.
        using var response = Response(HttpStatusCode.ServiceUnavailable, retryAfter: true);

        OutcomeRules.Default.Classify(HttpOutcomes.Classify(response), Fast).Should().Be(RequestOutcome.Shed);
    }

    private static StepResult Refusal(HttpStatusCode status, bool retryAfter)
    {
        using var response = Response(status, retryAfter);
        return HttpOutcomes.Classify(response);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, bool retryAfter)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter)
        {
            response.Headers.TryAddWithoutValidation(HttpOutcomes.RetryAfterHeader, "1");
        }

        return response;
    }
}
