using System.Collections.Immutable;
using Resilience.Fixtures.Workloads;
using Resilience.Load.Scenarios;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>A workload is validated as it is described, and its request steps fill their templates or say which value is missing.</summary>
public sealed class HttpWorkloadTests
{
    private static readonly HttpWorkload Reads = HttpWorkload.Create().WithRequest("get-stock", 80, HttpMethod.Get, "/stock/{sku}");

    [Fact]
    public void A_workload_without_steps_cannot_make_a_run()
    {
        using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var context = new WorkloadContext(client, "test", new StubTarget(client.BaseAddress));

        var create = () => HttpWorkload.Create().WithValue("sku", _ => "SKU-1").Create(context);

        create.Should().Throw<InvalidOperationException>().WithMessage("*no step*WithRequest, WithWrite or WithStep*");
    }

    [Fact]
    public void Step_names_are_unique_across_requests_writes_and_code_steps()
    {
        var request = () => Reads.WithRequest("get-stock", 20, HttpMethod.Get, "/other");
        var write = () => Reads.WithWrite("get-stock", 20, HttpMethod.Post, "/reservations", "{}", "Request-Id", "id");
        var code = () => Reads.WithStep("get-stock", 20, (_, _) => ValueTask.FromResult(StepResult.Ok));
        var afterCode = () => HttpWorkload.Create().WithStep("flow", 1, (_, _) => ValueTask.FromResult(StepResult.Ok))
            .WithRequest("flow", 1, HttpMethod.Get, "/flow");

        foreach (var declare in new Func<HttpWorkload>[] { request, write, code, afterCode })
        {
            declare.Should().Throw<ArgumentException>().WithMessage("*already has a step*unique*");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_step_needs_a_positive_finite_weight(double weight)
    {
        var request = () => HttpWorkload.Create().WithRequest("get", weight, HttpMethod.Get, "/");
        var code = () => HttpWorkload.Create().WithStep("flow", weight, (_, _) => ValueTask.FromResult(StepResult.Ok));

        request.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'get' needs a positive weight*");
        code.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("key")]
    [InlineData("iteration")]
    public void The_values_the_harness_fills_cannot_be_redefined(string name)
    {
        var define = () => Reads.WithValue(name, _ => "mine");

        define.Should().Throw<ArgumentException>().WithMessage($"*'{{{name}}}' is filled by the harness*");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_retried_share_outside_zero_to_one_is_refused(double share)
    {
        var declare = () => Reads.WithWrite("reserve", 20, HttpMethod.Post, "/reservations", "{}", "Request-Id", "reservationId", share);

        declare.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("retriedShare");
    }

    [Fact]
    public void A_write_is_retried_five_percent_of_the_time_unless_told_and_zero_and_one_are_allowed()
    {
        var write = Reads.WithWrite("reserve", 20, HttpMethod.Post, "/reservations", "{}", "Request-Id", "reservationId");

        write.Requests.Single(s => s.Name == "reserve").RetriedShare.Should().Be(0.05);
        Reads.WithWrite("never", 1, HttpMethod.Post, "/r", null, "Request-Id", "id", 0).Requests[^1].RetriedShare.Should().Be(0);
        Reads.WithWrite("always", 1, HttpMethod.Post, "/r", null, "Request-Id", "id", 1).Requests[^1].RetriedShare.Should().Be(1);
    }

    [Fact]
    public void Only_a_step_with_an_idempotency_header_is_a_write()
    {
        var workload = Reads.WithWrite("reserve", 20, HttpMethod.Post, "/reservations", "{}", "Request-Id", "reservationId");

        workload.Requests.Select(s => (s.Name, s.IsWrite)).Should().Equal(("get-stock", false), ("reserve", true));
    }

    [Fact]
    public void Every_With_returns_a_new_workload_and_leaves_the_old_one_unchanged()
    {
        var more = Reads.WithValue("sku", _ => "SKU-1").WithRequest("list", 20, HttpMethod.Get, "/stock");

        Reads.Requests.Select(s => s.Name).Should().Equal("get-stock");
        Reads.Values.Should().BeEmpty();
        more.Requests.Select(s => s.Name).Should().Equal("get-stock", "list");
        more.Values.Should().ContainKey("sku");
    }

    [Fact]
    public void Fill_replaces_every_placeholder_and_leaves_json_braces_alone()
    {
        var values = new Dictionary<string, string> { ["sku"] = "SKU-007", ["quantity"] = "3", ["data.region"] = "eu-1" };

        var filled = HttpRequestStep.Fill("""{"sku":"{sku}","quantity":{quantity},"again":"{sku}","region":"{data.region}"}""", name => values.GetValueOrDefault(name));

        filled.Should().Be("""{"sku":"SKU-007","quantity":3,"again":"SKU-007","region":"eu-1"}""");
    }

    [Fact]
    public void Fill_does_not_fill_placeholders_a_value_brings_with_it()
    {
        var values = new Dictionary<string, string> { ["a"] = "{b}", ["b"] = "never" };

        HttpRequestStep.Fill("/x/{a}", name => values.GetValueOrDefault(name)).Should().Be("/x/{b}");
    }

    [Fact]
    public void Fill_with_an_unknown_placeholder_names_it_and_says_to_add_it_with_WithValue()
    {
        var fill = () => HttpRequestStep.Fill("/stock/{sku}/{warehouse}", name => name == "sku" ? "SKU-1" : null);

        fill.Should().Throw<InvalidOperationException>()
            .WithMessage("*'/stock/{sku}/{warehouse}' names '{warehouse}'*WithValue(\"warehouse\", …)*");
    }

    [Fact]
    public async Task A_write_request_has_its_method_path_body_headers_and_idempotency_key()
    {
        var step = new HttpRequestStep
        {
            Name = "reserve",
            Weight = 1,
            Method = HttpMethod.Put,
            PathTemplate = "/reservations/{sku}",
            BodyTemplate = """{"sku":"{sku}","n":{iteration}}""",
            ContentType = "application/vnd.inventory+json",
            Headers = ImmutableDictionary<string, string>.Empty.Add("X-Tenant", "tenant-{sku}"),
            IdempotencyHeader = "Request-Id",
            AcknowledgedIdProperty = "reservationId",
        };
        var values = new Dictionary<string, string> { ["sku"] = "SKU-9", ["iteration"] = "12", ["key"] = "run-12--1" };

        using var request = step.CreateRequest(name => values.GetValueOrDefault(name));

        request.Method.Should().Be(HttpMethod.Put);
        request.RequestUri.Should().Be(new Uri("/reservations/SKU-9", UriKind.Relative));
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/vnd.inventory+json");
        request.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        (await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"sku":"SKU-9","n":12}""");
        request.Headers.GetValues("X-Tenant").Should().Equal("tenant-SKU-9");
        request.Headers.GetValues("Request-Id").Should().Equal("run-12--1");
    }

    [Fact]
    public void A_read_without_a_body_template_sends_no_body_and_no_idempotency_header()
    {
        var step = Reads.Requests.Single();

        using var request = step.CreateRequest(name => name == "sku" ? "SKU-1" : null);

        request.Method.Should().Be(HttpMethod.Get);
        request.RequestUri!.OriginalString.Should().Be("/stock/SKU-1");
        request.Content.Should().BeNull();
        request.Headers.Should().BeEmpty();
        step.ContentType.Should().Be("application/json");
    }
}
