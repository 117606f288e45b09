using System.Net;
using System.Text;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;
using Xunit.v3;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>
/// A server without a toxic a fault needs (a real toxiproxy-server has no tcp_loss): the client learns it from the
/// API's refusal, and the fault skips the test with the type and the server's version instead of failing it.
/// </summary>
public sealed class UnknownToxicTypeTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_client_names_the_type_a_server_refuses_as_unknown_and_no_other_refusal()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);

        var unknown = () => echo.Proxy.AddToxicAsync("no_such_toxic", cancellationToken: Cancellation);

        var refused = (await unknown.Should().ThrowAsync<ToxiproxyApiException>()).Which;
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.ApiMessage.Should().Be("invalid toxic type", "the server answers as Toxiproxy does");
        refused.UnknownToxicType.Should().Be("no_such_toxic");
        var badAttributes = () => echo.Proxy.AddToxicAsync("latency", new { latency = -5 }, cancellationToken: Cancellation);
        (await badAttributes.Should().ThrowAsync<ToxiproxyApiException>()).Which.UnknownToxicType
            .Should().BeNull("a known type with bad attributes is not a missing toxic");
    }

    [Fact]
    public async Task The_version_is_read_from_this_server_and_from_an_old_toxiproxy_answering_plain_text()
    {
        (await toxiproxy.Client.GetVersionAsync(Cancellation)).Should().Be("2.12.0");

        using var old = RealToxiproxy.Client(version: "2.1.4", versionAsJson: false);
        (await old.GetVersionAsync(Cancellation)).Should().Be("2.1.4");
    }

    [Fact]
    public async Task A_fault_whose_toxic_type_the_server_lacks_is_a_skip_naming_the_type_and_the_version()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        var fault = new ToxicFault("made-up fault", echo.Proxy.Name, async (proxy, ct) =>
            [await proxy.AddToxicAsync("no_such_toxic", stream: ToxicStream.Upstream, cancellationToken: ct)]);

        var inject = () => fault.InjectAsync(Context(toxiproxy.Client), Cancellation);

        var skip = (await inject.Should().ThrowAsync<TargetSkipException>()).Which;
        skip.Message.Should().StartWith(DynamicSkipToken.Value, "xUnit reports the test as skipped, not failed");
        skip.Reason.Should().Contain("'no_such_toxic'").And.Contain("(version 2.12.0)").And.Contain(toxiproxy.Client.ApiAddress.ToString());
        skip.InnerException.Should().BeOfType<ToxiproxyApiException>();
        (await echo.Proxy.GetToxicsAsync(Cancellation)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_fault_refused_after_its_first_toxic_leaves_no_toxic_of_its_own_and_keeps_the_others()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        await echo.Proxy.AddToxicAsync("latency", new { latency = 1 }, name: "someone_elses", cancellationToken: Cancellation);
        var fault = new ToxicFault("two-toxic fault", echo.Proxy.Name, async (proxy, ct) =>
        [
            await proxy.AddToxicAsync("latency", new { latency = 100 }, name: "first_of_the_fault", cancellationToken: ct),
            await proxy.AddToxicAsync("no_such_toxic", stream: ToxicStream.Upstream, cancellationToken: ct),
        ]);

        var inject = () => fault.InjectAsync(Context(toxiproxy.Client), Cancellation);

        await inject.Should().ThrowAsync<TargetSkipException>();
        (await echo.Proxy.GetToxicsAsync(Cancellation)).Select(toxic => toxic.Name).Should().Equal(
            ["someone_elses"], "the fault's first toxic is removed, a toxic that was there before is not");
    }

    [Theory]
    [MemberData(nameof(ToxicFaults))]
    public async Task Every_toxic_fault_the_harness_offers_is_injected_by_its_own_server_not_skipped(string fault)
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);

        var injected = () => MakeFault(fault, echo.Proxy.Name).InjectAsync(Context(toxiproxy.Client), Cancellation);

        // A misspelled toxic type would be refused as unknown and make a skip; the assertion turns that into a failure.
        var removal = (await injected.Should().NotThrowAsync()).Subject;
        await using (removal)
        {
            (await echo.Proxy.GetToxicsAsync(Cancellation)).Should().NotBeEmpty();
        }
    }

    public static TheoryData<string> ToxicFaults() => ["latency", "black hole", "connection reset", "bandwidth", "packet loss"];

    private static IFault MakeFault(string fault, string dependency) => fault switch
    {
        "latency" => Faults.Latency(dependency, TimeSpan.FromMilliseconds(50)),
        "black hole" => Faults.BlackHole(dependency),
        "connection reset" => Faults.ConnectionReset(dependency),
        "bandwidth" => Faults.Bandwidth(dependency, 10),
        "packet loss" => Faults.PacketLoss(dependency, 0.3),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    [Fact]
    public async Task Packet_loss_against_a_real_toxiproxy_server_is_a_skip_naming_tcp_loss_and_the_version()
    {
        using var real = RealToxiproxy.Client(version: "2.9.0", versionAsJson: true);

        var inject = () => Faults.PacketLoss("postgres", 0.3).InjectAsync(Context(real), Cancellation);

        (await inject.Should().ThrowAsync<TargetSkipException>()).Which.Reason
            .Should().Contain("'tcp_loss'").And.Contain("(version 2.9.0)").And.Contain("http://toxiproxy.test:8474/");
    }

    [Fact]
    public async Task Packet_loss_against_this_server_is_injected_not_skipped()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);

        await using (await Faults.PacketLoss(echo.Proxy.Name, 0.3).InjectAsync(Context(toxiproxy.Client), Cancellation))
        {
            (await echo.Proxy.GetToxicsAsync(Cancellation)).Select(toxic => toxic.Type).Should().Equal("tcp_loss", "tcp_loss");
        }

        (await echo.Proxy.GetToxicsAsync(Cancellation)).Should().BeEmpty();
    }

    private static FaultContext Context(ToxiproxyClient client) => new(client, new TargetDependencies([]), new Random(1));

    /// <summary>
    /// Answers as Shopify's toxiproxy-server does, byte for byte where it matters: its error JSON comes through
    /// Go's http.Error (text/plain, a trailing newline), and it knows no tcp_loss.
    /// </summary>
    private sealed class RealToxiproxy(string version, bool versionAsJson) : HttpMessageHandler
    {
        public static ToxiproxyClient Client(string version, bool versionAsJson) =>
            new(new Uri("http://toxiproxy.test:8474/"), new HttpClient(new RealToxiproxy(version, versionAsJson)));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && path == "/version")
            {
                return versionAsJson
                    ? Answer(HttpStatusCode.OK, $"{{\"version\": \"{version}\"}}\n", "application/json")
                    : Answer(HttpStatusCode.OK, version, "text/plain");
            }

            if (request.Method == HttpMethod.Get && path == "/proxies/postgres")
            {
                return Answer(HttpStatusCode.OK,
                    "{\"name\":\"postgres\",\"listen\":\"[::]:5433\",\"upstream\":\"postgres:5432\",\"enabled\":true,\"toxics\":[]}", "application/json");
            }

            if (request.Method == HttpMethod.Get && path == "/proxies/postgres/toxics")
            {
                return Answer(HttpStatusCode.OK, "[]", "application/json");
            }

            if (request.Method == HttpMethod.Post && path == "/proxies/postgres/toxics")
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                return body.Contains("\"type\":\"tcp_loss\"", StringComparison.Ordinal)
                    ? Answer(HttpStatusCode.BadRequest, "{\"error\":\"invalid toxic type\",\"status\":400}\n", "text/plain")
                    : Answer(HttpStatusCode.InternalServerError, "{\"error\":\"not simulated\",\"status\":500}\n", "text/plain");
            }

            return Answer(HttpStatusCode.NotFound, "404 page not found\n", "text/plain");
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}
