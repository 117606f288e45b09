using System.Net.Http.Headers;
using System.Text.Json;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

public sealed class MalformedRequestTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private const int Requests = 1200;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_malformed_request_is_refused_with_a_4xx_json_error_and_the_server_keeps_serving()
    {
        var seed = Random.Shared.Next();
        await using var target = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        await using var toxic = await target.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(1), name: "fuzz_toxic", cancellationToken: Cancellation);
        var proxiesBefore = (await toxiproxy.Client.GetProxiesAsync(Cancellation)).Keys.ToHashSet();
        var generator = new MalformedRequests(new Random(seed), target.Proxy.Name, toxic.Name, target.Upstream.Address);
        using var api = new RawApi(toxiproxy.Server.ApiAddress);

        var refusedBy = new Dictionary<string, int>();
        for (var index = 0; index < Requests; index++)
        {
            var malformed = index % 100 == 99 ? generator.Huge() : generator.Next();
            using var request = new HttpRequestMessage(malformed.Method, malformed.Path) { Content = new ByteArrayContent(malformed.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            // As curl does for large bodies: the server refuses it before a byte of it is sent.
            request.Headers.ExpectContinue = malformed.Body.Length > 64 * 1024;

            var answer = await api.SendAsync(request, Cancellation);

            var status = (int)answer.Status;
            status.Should().BeInRange(400, 499, "request {0} (seed {1}) must be refused: {2}\nanswer: {3}", index, seed, malformed, answer.Body);
            answer.MediaType.Should().Be("application/json", "request {0} (seed {1}): {2}", index, seed, malformed);
            using var error = JsonDocument.Parse(answer.Body);
            error.RootElement.GetProperty("status").GetInt32().Should().Be(status);
            error.RootElement.GetProperty("error").GetString().Should().NotBeNullOrWhiteSpace();
            refusedBy[malformed.Kind] = refusedBy.GetValueOrDefault(malformed.Kind) + 1;
        }

        refusedBy.Keys.Should().Contain(["truncated", "garbage", "huge body", "deeply nested", "toxic wrong type", "attribute wrong value"], "every kind of bad request was tried");
        (await toxiproxy.Client.GetProxiesAsync(Cancellation)).Keys.Should().BeEquivalentTo(proxiesBefore, "no refused request may change the proxies");
        var toxicAfter = await target.Proxy.GetToxicAsync(toxic.Name, Cancellation);
        toxicAfter.Attributes["latency"].GetInt64().Should().Be(1, "no refused update may change a toxic");
        toxicAfter.Toxicity.Should().Be(1);
        using var connection = await target.ConnectAsync(Cancellation);
        (await TcpClientProbe.RoundTripAsync(connection, "still serving"u8.ToArray(), Cancellation)).Should().BePositive();
    }
}
