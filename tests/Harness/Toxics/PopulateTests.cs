using System.Net;
using System.Text.Json;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary><c>POST /populate</c>: create or replace many proxies; repeating it changes nothing.</summary>
public sealed class PopulateTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Populate_answers_201_with_the_proxies()
    {
        await using var echo = TcpTestServer.Echo();
        using var api = new RawApi(toxiproxy.Server.ApiAddress);
        var names = new[] { Unique("a"), Unique("b") };

        var answer = await api.PostAsync("/populate", JsonSerializer.Serialize(names.Select(name => new { name, listen = "127.0.0.1:0", upstream = echo.Address })), Cancellation);

        answer.Status.Should().Be(HttpStatusCode.Created);
        answer.Json.GetProperty("proxies").EnumerateArray().Select(proxy => proxy.GetProperty("name").GetString()).Should().Equal(names);
        await DeleteAsync(names);
    }

    [Fact]
    public async Task Populating_again_leaves_matching_proxies_their_port_toxics_and_connections()
    {
        await using var echo = TcpTestServer.Echo();
        var config = new[] { new ProxyConfig(Unique("same"), "127.0.0.1:0", echo.Address) };
        var first = (await toxiproxy.Client.PopulateAsync(config, Cancellation)).Single();
        await using var toxic = await first.AddLatencyAsync(TimeSpan.FromMilliseconds(1), cancellationToken: Cancellation);
        using var connection = await TcpClientProbe.ConnectAsync(first.ListenPort, Cancellation);
        await TcpClientProbe.RoundTripAsync(connection, "one"u8.ToArray(), Cancellation);

        var second = (await toxiproxy.Client.PopulateAsync(config, Cancellation)).Single();
        var third = (await toxiproxy.Client.PopulateAsync([config[0] with { Listen = first.Listen }], Cancellation)).Single();

        second.Listen.Should().Be(first.Listen);
        third.Listen.Should().Be(first.Listen);
        third.Toxics.Should().ContainSingle(t => t.Name == toxic.Name, "the toxics survive");
        (await TcpClientProbe.RoundTripAsync(connection, "two"u8.ToArray(), Cancellation)).Should().BePositive("the open connection survives");
        await DeleteAsync([first.Name]);
    }

    [Fact]
    public async Task Populating_a_changed_upstream_replaces_the_proxy()
    {
        await using var oldUpstream = TcpTestServer.Echo();
        await using var newUpstream = TcpTestServer.Sending("new"u8.ToArray(), closeAfterwards: true);
        var name = Unique("moved");
        var first = (await toxiproxy.Client.PopulateAsync([new ProxyConfig(name, "127.0.0.1:0", oldUpstream.Address)], Cancellation)).Single();
        await first.AddTimeoutAsync(TimeSpan.Zero, cancellationToken: Cancellation);

        var replaced = (await toxiproxy.Client.PopulateAsync([new ProxyConfig(name, first.Listen, newUpstream.Address)], Cancellation)).Single();

        replaced.Upstream.Should().Be(newUpstream.Address);
        replaced.Toxics.Should().BeEmpty("a replaced proxy starts without toxics");
        using var connection = await TcpClientProbe.ConnectAsync(replaced.ListenPort, Cancellation);
        (await TcpClientProbe.ReadToEndAsync(connection, Cancellation)).Data.Should().Equal("new"u8.ToArray());
        await DeleteAsync([name]);
    }

    [Theory]
    [InlineData("{\"name\":\"x\"}", "bad request body")]
    [InlineData("[{\"name\":\"x\"}]", "missing required field: upstream at proxy 1")]
    [InlineData("[{\"upstream\":\"127.0.0.1:1\"}]", "missing required field: name at proxy 1")]
    [InlineData("[{\"name\":\"x\",\"upstream\":\"127.0.0.1:1\"},{\"name\":\"x\",\"upstream\":\"127.0.0.1:2\"}]", "duplicate proxy name")]
    [InlineData("[{\"name\":\"x\",\"upstream\":\"127.0.0.1\"}]", "invalid upstream address")]
    [InlineData("[null]", "expected a proxy object")]
    public async Task A_bad_populate_answers_400_and_creates_nothing(string body, string reason)
    {
        using var api = new RawApi(toxiproxy.Server.ApiAddress);
        var before = (await toxiproxy.Client.GetProxiesAsync(Cancellation)).Count;

        (await api.PostAsync("/populate", body, Cancellation)).ShouldBeError(HttpStatusCode.BadRequest, reason);

        (await toxiproxy.Client.GetProxiesAsync(Cancellation)).Should().HaveCount(before);
    }

    private static string Unique(string prefix) => $"populate_{prefix}_{Guid.NewGuid():N}";

    private async Task DeleteAsync(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            await (await toxiproxy.Client.GetProxyAsync(name, Cancellation)).DeleteAsync(Cancellation);
        }
    }
}
