using System.Net;
using Resilience.Fixtures.Experiments;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>A 2xx is degraded when it carries a degraded marker (by default X-Degraded or Warning 110); errors stay errors.</summary>
public sealed class OutcomeRulesTests
{
    [Theory]
    [InlineData("stale")]
    [InlineData("cache-bypass")]
    public void X_degraded_with_any_value_is_degraded_of_that_kind(string value)
    {
        using var response = Answer(HttpStatusCode.OK, ("X-Degraded", value));

        OutcomeRules.Default.Classify(response).Should().Be(StepResult.Degraded(value));
    }

    [Fact]
    public void X_degraded_is_found_whatever_the_headers_case()
    {
        using var response = Answer(HttpStatusCode.OK, ("x-degraded", "fallback"));

        OutcomeRules.Default.Classify(response).Outcome.Should().Be(StepOutcome.Degraded);
    }

    [Fact]
    public void An_empty_X_degraded_is_still_degraded()
    {
        using var response = Answer(HttpStatusCode.OK, ("X-Degraded", ""));

        OutcomeRules.Default.Classify(response).Should().Be(StepResult.Degraded());
    }

    [Fact]
    public void Warning_110_response_is_stale_is_degraded_with_the_warning_as_its_kind()
    {
        using var response = Answer(HttpStatusCode.OK, ("Warning", "110 - \"stale\""));

        OutcomeRules.Default.Classify(response).Should().Be(StepResult.Degraded("110 - \"stale\""));
    }

    [Fact]
    public void Other_warnings_are_ok()
    {
        using var misc = Answer(HttpStatusCode.OK, ("Warning", "199 misc"));
        using var transformed = Answer(HttpStatusCode.Created, ("Warning", "214 - \"transformed\""));

        OutcomeRules.Default.Classify(misc).Should().Be(StepResult.Ok);
        OutcomeRules.Default.Classify(transformed).Should().Be(StepResult.Ok);
    }

    [Fact]
    public void One_stale_warning_among_others_makes_the_answer_degraded()
    {
        using var response = Answer(HttpStatusCode.OK, ("Warning", "199 - \"misc\""), ("Warning", "110 - \"stale\""));

        OutcomeRules.Default.Classify(response).Should().Be(StepResult.Degraded("110 - \"stale\""));
    }

    [Fact]
    public void A_plain_2xx_is_ok()
    {
        using var ok = Answer(HttpStatusCode.OK);
        using var noContent = Answer(HttpStatusCode.NoContent);

        OutcomeRules.Default.Classify(ok).Should().Be(StepResult.Ok);
        OutcomeRules.Default.Classify(noContent).Should().Be(StepResult.Ok);
    }

    [Fact]
    public void Custom_markers_replace_the_defaults()
    {
        var rules = OutcomeRules.Default with { DegradedMarkers = [DegradedMarker.Header("X-Served-From", valuePrefix: "cache")] };
        using var fromCache = Answer(HttpStatusCode.OK, ("X-Served-From", "CACHE-replica-2"));
        using var fromOrigin = Answer(HttpStatusCode.OK, ("X-Served-From", "origin"));
        using var oldMarker = Answer(HttpStatusCode.OK, ("X-Degraded", "stale"));

        rules.Classify(fromCache).Should().Be(StepResult.Degraded("CACHE-replica-2"));
        rules.Classify(fromOrigin).Should().Be(StepResult.Ok);
        rules.Classify(oldMarker).Should().Be(StepResult.Ok, "the rules' markers are the custom ones only");
        OutcomeRules.Default.DegradedMarkers.Should().HaveCount(2, "a with-expression leaves the default rules as they were");
    }

    [Fact]
    public void With_no_markers_every_2xx_is_ok()
    {
        var rules = OutcomeRules.Default with { DegradedMarkers = [] };
        using var response = Answer(HttpStatusCode.OK, ("X-Degraded", "stale"), ("Warning", "110 - \"stale\""));

        rules.Classify(response).Should().Be(StepResult.Ok);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "http_503")]
    [InlineData(HttpStatusCode.InternalServerError, "http_500")]
    [InlineData(HttpStatusCode.NotFound, "http_404")]
    public void Errors_stay_errors_even_when_they_carry_a_degraded_marker(HttpStatusCode status, string kind)
    {
        using var response = Answer(status, ("X-Degraded", "stale"), ("Warning", "110 - \"stale\""));

        OutcomeRules.Default.Classify(response).Should().Be(StepResult.Error(kind));
    }

    [Fact]
    public void An_error_keeps_its_retry_after_so_it_can_count_as_shed()
    {
        using var response = Answer(HttpStatusCode.ServiceUnavailable, ("Retry-After", "1"));

        var result = OutcomeRules.Default.Classify(response);

        result.Should().Be(StepResult.Error("http_503") with { RetryAfter = true });
        OutcomeRules.Default.Classify(result, TimeSpan.FromMilliseconds(5)).Should().Be(RequestOutcome.Shed);
    }

    [Fact]
    public void A_marker_needs_a_header_name()
    {
        var blank = () => DegradedMarker.Header(" ");

        blank.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_marker_with_a_prefix_matches_only_values_starting_with_it()
    {
        var marker = DegradedMarker.Header("Warning", valuePrefix: "110");
        using var stale = Answer(HttpStatusCode.OK, ("Warning", "110 - \"stale\""));
        using var other = Answer(HttpStatusCode.OK, ("Warning", "199 - \"110 in the text\""));
        using var none = Answer(HttpStatusCode.OK);

        marker.Find(stale).Should().Be("110 - \"stale\"");
        marker.Find(other).Should().BeNull();
        marker.Find(none).Should().BeNull();
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value).Should().BeTrue($"{name} is a response header");
        }

        return response;
    }
}
