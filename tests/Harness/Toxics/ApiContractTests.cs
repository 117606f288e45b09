using System.Net;
using System.Text.Json;
using Resilience.Tests.Harness.Toxics.Support;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>Toxiproxy 2.x's REST API: JSON shapes and status codes, request by request.</summary>
public sealed class ApiContractTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>, IAsyncLifetime
{
    private readonly RawApi api = new(toxiproxy.Server.ApiAddress);
    private readonly TcpTestServer echo = TcpTestServer.Echo();
    private readonly string name = $"api_{Guid.NewGuid():N}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Proxy => $"/proxies/{name}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await api.SendAsync(HttpMethod.Delete, Proxy);
        await echo.DisposeAsync();
        api.Dispose();
    }

    [Fact]
    public async Task Creating_a_proxy_answers_201_with_the_proxy_and_a_duplicate_answers_409()
    {
        var created = await CreateProxyAsync();

        created.Status.Should().Be(HttpStatusCode.Created);
        var proxy = created.Json;
        proxy.GetProperty("name").GetString().Should().Be(name);
        proxy.GetProperty("listen").GetString().Should().MatchRegex(@"^127\.0\.0\.1:[1-9]\d*$");
        proxy.GetProperty("upstream").GetString().Should().Be(echo.Address);
        proxy.GetProperty("enabled").GetBoolean().Should().BeTrue();
        proxy.GetProperty("toxics").GetArrayLength().Should().Be(0);

        (await CreateProxyAsync()).ShouldBeError(HttpStatusCode.Conflict, "proxy already exists");
    }

    [Theory]
    [InlineData("{\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}", "missing required field: name")]
    [InlineData("{\"name\":\"no_upstream\",\"listen\":\"127.0.0.1:0\"}", "missing required field: upstream")]
    [InlineData("{\"name\":", "bad request body")]
    [InlineData("", "bad request body")]
    [InlineData("[]", "bad request body")]
    [InlineData("{\"name\":42,\"upstream\":\"127.0.0.1:1\"}", "bad request body")]
    [InlineData("{\"name\":\"x\",\"upstream\":\"127.0.0.1:1\",\"enabled\":\"yes\"}", "bad request body")]
    [InlineData("{\"name\":\"x\",\"upstream\":\"no-port\"}", "invalid upstream address")]
    [InlineData("{\"name\":\"x\",\"listen\":\"127.0.0.1:99999\",\"upstream\":\"127.0.0.1:1\"}", "invalid listen address")]
    public async Task A_bad_proxy_request_answers_400_with_the_reason(string body, string reason)
    {
        (await api.PostAsync("/proxies", body, Cancellation)).ShouldBeError(HttpStatusCode.BadRequest, reason);
    }

    [Fact]
    public async Task Listening_on_a_port_in_use_answers_409()
    {
        var body = JsonSerializer.Serialize(new { name, listen = echo.Address, upstream = echo.Address });

        (await api.PostAsync("/proxies", body, Cancellation)).ShouldBeError(HttpStatusCode.Conflict, "cannot listen");
    }

    [Fact]
    public async Task Proxies_are_listed_by_name_shown_updated_and_deleted()
    {
        await CreateProxyAsync();

        var all = await api.GetAsync("/proxies", Cancellation);
        all.Status.Should().Be(HttpStatusCode.OK);
        all.Json.GetProperty(name).GetProperty("upstream").GetString().Should().Be(echo.Address);
        (await api.GetAsync(Proxy, Cancellation)).Json.GetProperty("name").GetString().Should().Be(name);

        var disabled = await api.SendAsync(HttpMethod.Patch, Proxy, "{\"enabled\":false}", Cancellation);
        disabled.Status.Should().Be(HttpStatusCode.OK);
        disabled.Json.GetProperty("enabled").GetBoolean().Should().BeFalse();
        var enabled = await api.PostAsync(Proxy, "{\"enabled\":true}", Cancellation);
        enabled.Json.GetProperty("enabled").GetBoolean().Should().BeTrue("POST is Toxiproxy's older spelling of the update");

        (await api.SendAsync(HttpMethod.Delete, Proxy, null, Cancellation)).Status.Should().Be(HttpStatusCode.NoContent);
        (await api.SendAsync(HttpMethod.Delete, Proxy, null, Cancellation)).ShouldBeError(HttpStatusCode.NotFound, "proxy not found");
        (await api.GetAsync(Proxy, Cancellation)).ShouldBeError(HttpStatusCode.NotFound, "proxy not found");
        (await api.PostAsync(Proxy, "{\"enabled\":true}", Cancellation)).ShouldBeError(HttpStatusCode.NotFound);
        (await api.GetAsync($"{Proxy}/toxics", Cancellation)).ShouldBeError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_toxic_gets_Toxiproxys_defaults_and_answers_200()
    {
        await CreateProxyAsync();

        var created = await api.PostAsync($"{Proxy}/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":100}}", Cancellation);

        created.Status.Should().Be(HttpStatusCode.OK, "Toxiproxy answers 200 to a new toxic");
        var toxic = created.Json;
        toxic.GetProperty("name").GetString().Should().Be("latency_downstream");
        toxic.GetProperty("type").GetString().Should().Be("latency");
        toxic.GetProperty("stream").GetString().Should().Be("downstream");
        toxic.GetProperty("toxicity").GetDouble().Should().Be(1.0);
        toxic.GetProperty("attributes").GetProperty("latency").GetInt64().Should().Be(100);
        toxic.GetProperty("attributes").GetProperty("jitter").GetInt64().Should().Be(0);
        (await api.GetAsync(Proxy, Cancellation)).Json.GetProperty("toxics")[0].GetProperty("name").GetString().Should().Be("latency_downstream");
    }

    [Theory]
    [InlineData("{\"type\":\"latency\",\"stream\":\"sideways\"}", HttpStatusCode.BadRequest, "stream was invalid")]
    [InlineData("{\"type\":\"no_such_toxic\"}", HttpStatusCode.BadRequest, "invalid toxic type")]
    [InlineData("{\"attributes\":{}}", HttpStatusCode.BadRequest, "invalid toxic type")]
    [InlineData("{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}", HttpStatusCode.BadRequest, "bad toxic attributes")]
    [InlineData("{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}", HttpStatusCode.BadRequest, "latency must be between 0 and")]
    [InlineData("{\"type\":\"timeout\",\"attributes\":{\"timeout\":99999999999999}}", HttpStatusCode.BadRequest, "timeout must be between 0 and")]
    [InlineData("{\"type\":\"tcp_loss\",\"attributes\":{\"max_rto\":99999999999999}}", HttpStatusCode.BadRequest, "max_rto must be between 0 and")]
    [InlineData("{\"type\":\"bandwidth\",\"attributes\":{\"rate\":-1}}", HttpStatusCode.BadRequest, "rate must be between 0 and")]
    [InlineData("{\"type\":\"latency\",\"attributes\":[1,2]}", HttpStatusCode.BadRequest, "attributes must be a JSON object")]
    [InlineData("{\"type\":\"latency\",\"toxicity\":1.5}", HttpStatusCode.BadRequest, "toxicity")]
    [InlineData("{\"type\":\"slicer\",\"attributes\":{\"average_size\":0}}", HttpStatusCode.BadRequest, "average_size")]
    [InlineData("not json", HttpStatusCode.BadRequest, "bad request body")]
    public async Task A_bad_toxic_request_is_refused_with_the_reason(string body, HttpStatusCode status, string reason)
    {
        await CreateProxyAsync();

        (await api.PostAsync($"{Proxy}/toxics", body, Cancellation)).ShouldBeError(status, reason);
        (await api.GetAsync($"{Proxy}/toxics", Cancellation)).Json.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Toxics_are_shown_updated_partially_deleted_and_conflict_by_name()
    {
        await CreateProxyAsync();
        var toxics = $"{Proxy}/toxics";
        var toxic = $"{toxics}/slow";
        await api.PostAsync(toxics, "{\"name\":\"slow\",\"type\":\"latency\",\"stream\":\"upstream\",\"toxicity\":0.5,\"attributes\":{\"latency\":100,\"jitter\":10}}", Cancellation);

        (await api.PostAsync(toxics, "{\"name\":\"slow\",\"type\":\"bandwidth\"}", Cancellation)).ShouldBeError(HttpStatusCode.Conflict, "toxic already exists");
        (await api.GetAsync(toxic, Cancellation)).Json.GetProperty("stream").GetString().Should().Be("upstream");
        (await api.GetAsync($"{toxics}/missing", Cancellation)).ShouldBeError(HttpStatusCode.NotFound, "toxic not found");

        var updated = await api.SendAsync(HttpMethod.Patch, toxic, "{\"attributes\":{\"latency\":250}}", Cancellation);
        updated.Status.Should().Be(HttpStatusCode.OK);
        updated.Json.GetProperty("attributes").GetProperty("latency").GetInt64().Should().Be(250);
        updated.Json.GetProperty("attributes").GetProperty("jitter").GetInt64().Should().Be(10, "attributes not given keep their values");
        updated.Json.GetProperty("toxicity").GetDouble().Should().Be(0.5, "toxicity not given keeps its value");
        (await api.PostAsync(toxic, "{\"toxicity\":1}", Cancellation)).Json.GetProperty("toxicity").GetDouble().Should().Be(1);
        (await api.PostAsync(toxic, "{\"attributes\":{\"latency\":-1}}", Cancellation)).ShouldBeError(HttpStatusCode.BadRequest);
        (await api.PostAsync($"{toxics}/missing", "{\"toxicity\":1}", Cancellation)).ShouldBeError(HttpStatusCode.NotFound);

        (await api.SendAsync(HttpMethod.Delete, toxic, null, Cancellation)).Status.Should().Be(HttpStatusCode.NoContent);
        (await api.SendAsync(HttpMethod.Delete, toxic, null, Cancellation)).ShouldBeError(HttpStatusCode.NotFound, "toxic not found");
    }

    [Fact]
    public async Task Reset_enables_every_proxy_and_removes_every_toxic_answering_204()
    {
        await CreateProxyAsync();
        await api.PostAsync($"{Proxy}/toxics", "{\"type\":\"timeout\"}", Cancellation);
        await api.PostAsync(Proxy, "{\"enabled\":false}", Cancellation);

        (await api.PostAsync("/reset", "", Cancellation)).Status.Should().Be(HttpStatusCode.NoContent);

        var proxy = (await api.GetAsync(Proxy, Cancellation)).Json;
        proxy.GetProperty("enabled").GetBoolean().Should().BeTrue();
        proxy.GetProperty("toxics").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Version_metrics_unknown_routes_methods_and_browsers_answer_as_Toxiproxy()
    {
        var version = await api.GetAsync("/version", Cancellation);
        version.Status.Should().Be(HttpStatusCode.OK);
        version.Json.GetProperty("version").GetString().Should().MatchRegex(@"^2\.\d+\.\d+$");

        var metrics = await api.GetAsync("/metrics", Cancellation);
        metrics.Status.Should().Be(HttpStatusCode.OK);
        metrics.MediaType.Should().Be("text/plain");
        metrics.Body.Should().Contain("# TYPE toxiproxy_proxy_received_bytes_total counter");

        (await api.GetAsync("/no/such/route", Cancellation)).ShouldBeError(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Put, "/proxies", "{}", Cancellation)).ShouldBeError(HttpStatusCode.MethodNotAllowed);

        using var fromBrowser = new HttpRequestMessage(HttpMethod.Get, "/proxies");
        fromBrowser.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64)");
        (await api.SendAsync(fromBrowser, Cancellation)).ShouldBeError(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Metrics_count_bytes_per_direction_and_connections_per_proxy()
    {
        await CreateProxyAsync();
        var port = (await api.GetAsync(Proxy, Cancellation)).Json.GetProperty("listen").GetString()!.Split(':')[1];
        using (var connection = await TcpClientProbe.ConnectAsync(int.Parse(port), Cancellation))
        {
            await TcpClientProbe.RoundTripAsync(connection, new byte[1000], Cancellation);
            connection.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            await TcpClientProbe.ReadToEndAsync(connection, Cancellation);
        }

        var metrics = (await api.GetAsync("/metrics", Cancellation)).Body;

        foreach (var family in new[] { "received", "sent" })
        {
            foreach (var direction in new[] { "upstream", "downstream" })
            {
                metrics.Should().MatchRegex($"toxiproxy_proxy_{family}_bytes_total{{direction=\"{direction}\",listener=\"127.0.0.1:{port}\",proxy=\"{name}\",upstream=\"{echo.Address}\"}} 1000\n");
            }
        }

        metrics.Should().Contain($"toxiproxy_proxy_connections_total{{listener=\"127.0.0.1:{port}\",proxy=\"{name}\",upstream=\"{echo.Address}\"}} 1\n");
    }

    private Task<RawAnswer> CreateProxyAsync() =>
        api.PostAsync("/proxies", JsonSerializer.Serialize(new { name, listen = "127.0.0.1:0", upstream = echo.Address }), Cancellation);
}
