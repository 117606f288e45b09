using Microsoft.AspNetCore.Http;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Measures;
using Resilience.Fixtures.Observers;
using Resilience.Tests.Harness.Load;

namespace Resilience.Tests.Harness.Observers;

/// <summary>
/// The Prometheus source against a real HTTP server whose exposition the test changes between scrapes, as a
/// service's counters rise; and the exposition line parser on its own.
/// </summary>
public sealed class PrometheusBreakerSourceTests
{
    private const string Help = """
        # HELP resilience_polly_strategy_events_total Tracks the number of resilience events that occurred in resilience strategies.
        # TYPE resilience_polly_strategy_events_total counter
        process_working_set_bytes 1.2e+08
        """;

    private static readonly BreakerNames Inventory = BreakerNames.FromPipelines(new Dictionary<string, string> { ["demo-db"] = "inventory" });

    [Fact]
    public async Task Each_rise_between_scrapes_is_a_transition_at_the_scrape_in_the_order_a_breaker_moves()
    {
        await using var service = await Exposition.StartAsync(Help);
        await using var source = new PrometheusBreakerSource(service.Client, names: Inventory);
        await source.StartAsync(TestContext.Current.CancellationToken);

        service.Text = Help + Otel("OnCircuitOpened", 1) + Otel("OnRetry", 3);
        var opened = await RefreshAsync(source);
        service.Text = Help + Otel("OnCircuitClosed", 1) + Otel("OnCircuitOpened", 1) + Otel("OnCircuitHalfOpened", 1);
        var closed = await RefreshAsync(source);
        await RefreshAsync(source);

        source.Transitions.Select(t => (t.Breaker, t.From, t.To)).Should().Equal(
            ("inventory", BreakerStates.Closed, BreakerStates.Open),
            ("inventory", BreakerStates.Open, BreakerStates.HalfOpen),
            ("inventory", BreakerStates.HalfOpen, BreakerStates.Closed));
        source.Transitions[0].At.Should().BeOnOrAfter(opened.Before).And.BeOnOrBefore(opened.After);
        source.Transitions.Skip(1).Should().OnlyContain(t => t.At >= closed.Before && t.At <= closed.After);
        source.CurrentStates.Should().Equal(new Dictionary<string, string> { ["inventory"] = BreakerStates.Closed });
    }

    [Fact]
    public async Task A_failed_scrape_is_skipped_and_the_next_one_finds_what_rose_meanwhile()
    {
        await using var service = await Exposition.StartAsync(Help);
        await using var source = new PrometheusBreakerSource(service.Client, names: Inventory);
        await source.StartAsync(TestContext.Current.CancellationToken);

        service.Text = null;
        await RefreshAsync(source);
        service.Text = "not an exposition {{{";
        await RefreshAsync(source);
        source.Transitions.Should().BeEmpty();

        service.Text = Help + Otel("OnCircuitOpened", 1);
        var recovered = await RefreshAsync(source);

        source.Transitions.Should().ContainSingle().Which.Should().Match<BreakerTransition>(t =>
            t.Breaker == "inventory" && t.From == BreakerStates.Closed && t.To == BreakerStates.Open && t.At >= recovered.Before);
        service.Requests.Should().Be(4, "the baseline, two failed scrapes and the one that found the rise");
    }

    [Theory]
    [InlineData("""resilience_polly_strategy_events_total{event_name="{0}",pipeline_name="demo-db",pipeline_instance="eu",strategy_name="breaker"} {1}""")]
    [InlineData("""polly_resilience_polly_strategy_events{event_name="{0}",event_severity="Error",pipeline_instance="eu",pipeline_name="demo-db",strategy_name="breaker"} {1}""")]
    [InlineData("""{"resilience.polly.strategy.events","event.name"="{0}","pipeline.name"="demo-db","pipeline.instance"="eu","strategy.name"="breaker"} {1} 1764741600000""")]
    [InlineData("""resilience_polly_strategy_events_total{event-name="{0}",pipeline-name="demo-db",pipeline-instance="eu",strategy-name="breaker",} {1}""")]
    public async Task Label_names_are_read_with_underscores_dots_or_dashes_and_give_the_breaker_its_polly_identity(string line)
    {
        var seen = new List<PollyBreakerId>();
        await using var service = await Exposition.StartAsync(Help);
        await using var source = new PrometheusBreakerSource(service.Client, names: BreakerNames.From(id =>
        {
            seen.Add(id);
            return $"{id.PipelineName}/{id.PipelineInstance}/{id.StrategyName}";
        }));
        await source.StartAsync(TestContext.Current.CancellationToken);

        service.Text = Help + "\n" + line.Replace("{0}", "OnCircuitOpened").Replace("{1}", "2");
        await RefreshAsync(source);

        source.Transitions.Should().ContainSingle().Which.Breaker.Should().Be("demo-db/eu/breaker");
        seen.Should().OnlyContain(id => id == new PollyBreakerId("demo-db", "eu", "breaker"));
    }

    [Fact]
    public async Task Counts_there_before_start_are_no_transitions_but_give_each_breaker_its_state()
    {
        await using var service = await Exposition.StartAsync(
            Help + Otel("OnCircuitOpened", 2) + Otel("OnCircuitHalfOpened", 1) + Otel("OnCircuitClosed", 1) + Otel("OnCircuitOpened", 1, pipeline: "pricing"));
        await using var source = new PrometheusBreakerSource(service.Client, names: Inventory);

        await source.StartAsync(TestContext.Current.CancellationToken);

        source.Transitions.Should().BeEmpty();
        source.CurrentStates.Should().Equal(new Dictionary<string, string> { ["inventory"] = BreakerStates.Open, ["pricing"] = BreakerStates.Open });
    }

    [Fact]
    public async Task A_total_that_falls_is_a_restarted_service_whose_breakers_start_closed()
    {
        await using var service = await Exposition.StartAsync(Help + Otel("OnCircuitOpened", 3) + Otel("OnCircuitClosed", 2));
        await using var source = new PrometheusBreakerSource(service.Client, names: Inventory);
        await source.StartAsync(TestContext.Current.CancellationToken);
        source.CurrentStates["inventory"].Should().Be(BreakerStates.Open);

        service.Text = Help + Otel("OnCircuitOpened", 1);
        await RefreshAsync(source);

        source.Transitions.Should().ContainSingle().Which.Should().Match<BreakerTransition>(t => t.From == BreakerStates.Closed && t.To == BreakerStates.Open);
    }

    [Fact]
    public async Task Start_fails_clearly_when_the_exposition_does_not_answer()
    {
        await using var service = await Exposition.StartAsync(null);
        await using var source = new PrometheusBreakerSource(service.Client);

        var start = () => source.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain($"{service.Client.BaseAddress}metrics");
    }

    [Theory]
    [InlineData("""a_total{x="1",y="two words"} 3""", "a_total", "x=1;y=two words", 3)]
    [InlineData("plain 1.5e3", "plain", "", 1500)]
    [InlineData("with_timestamp{} 7 1764741600000", "with_timestamp", "", 7)]
    [InlineData("""escaped{v="a\"b\\c\nd"} 1""", "escaped", "v=a\"b\\c\nd", 1)]
    [InlineData("""spaced { k = "v" , } +Inf""", "spaced", "k=v", double.PositiveInfinity)]
    [InlineData("""exemplar_total{k="v"} 4 # {trace_id="abc"} 1.0""", "exemplar_total", "k=v", 4)]
    [InlineData("""{"dotted.name","dotted.label"="v"} 2""", "dotted.name", "dotted.label=v", 2)]
    [InlineData("windows_line_end 5\r", "windows_line_end", "", 5)]
    public void A_sample_line_gives_its_name_labels_and_value(string line, string name, string labels, double value)
    {
        var sample = PrometheusExposition.ParseLine(line);

        sample.Should().NotBeNull();
        sample!.Name.Should().Be(name);
        string.Join(";", sample.Labels.Select(label => $"{label.Key}={label.Value}")).Should().Be(labels);
        sample.Value.Should().Be(value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# TYPE a counter")]
    [InlineData("# EOF")]
    [InlineData("no_value")]
    [InlineData("""unclosed{k="v" 1""")]
    [InlineData("""unquoted{k=v} 1""")]
    [InlineData("""not_a_number{k="v"} one""")]
    [InlineData("""{"only.labels"="v","no"="name"} 1""")]
    public void A_blank_comment_or_malformed_line_is_no_sample(string line)
    {
        PrometheusExposition.ParseLine(line).Should().BeNull();
    }

    [Fact]
    public void A_malformed_line_costs_only_itself()
    {
        var samples = PrometheusExposition.ParseSamples("a 1\nbroken{ 2\r\n# HELP b\nb{k=\"v\"} 3\n").ToList();

        samples.Select(s => (s.Name, s.Value)).Should().Equal(("a", 1d), ("b", 3d));
    }

    private static string Otel(string eventName, double total, string pipeline = "demo-db") =>
        $$"""

        resilience_polly_strategy_events_total{event_name="{{eventName}}",event_severity="Error",exception_type="System.InvalidOperationException",pipeline_name="{{pipeline}}",strategy_name="CircuitBreaker"} {{total}}
        """;

    private static async Task<(DateTimeOffset Before, DateTimeOffset After)> RefreshAsync(PrometheusBreakerSource source)
    {
        var before = DateTimeOffset.UtcNow;
        await source.RefreshAsync(TestContext.Current.CancellationToken);
        return (before, DateTimeOffset.UtcNow);
    }

    /// <summary>A service's <c>/metrics</c>: answers the current text, or 500 while it is null.</summary>
    private sealed class Exposition : IAsyncDisposable
    {
        private TestHttpServer _server = null!;
        private volatile string? _text;

        public string? Text
        {
            get => _text;
            set => _text = value;
        }

        public HttpClient Client { get; private set; } = null!;

        public int Requests => _server.RequestCount;

        public static async Task<Exposition> StartAsync(string? text)
        {
            var exposition = new Exposition { Text = text };
            exposition._server = await TestHttpServer.StartAsync(exposition.RespondAsync);
            exposition.Client = new HttpClient { BaseAddress = exposition._server.Url };
            return exposition;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _server.DisposeAsync();
        }

        private async Task RespondAsync(HttpContext context)
        {
            if (context.Request.Path != "/metrics" || Text is not { } text)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await context.Response.WriteAsync(text);
        }
    }
}
