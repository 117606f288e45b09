using System.Net;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>The typed client: Toxiproxy's attribute names and units, handles, and errors.</summary>
public sealed class ClientTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Typed_adders_send_Toxiproxys_attribute_names_and_units()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        var proxy = echo.Proxy;

        await using var latency = await proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), cancellationToken: Cancellation);
        await using var bandwidth = await proxy.AddBandwidthAsync(500, ToxicStream.Upstream, cancellationToken: Cancellation);
        await using var slowClose = await proxy.AddSlowCloseAsync(TimeSpan.FromSeconds(1), name: "slow", cancellationToken: Cancellation);
        await using var timeout = await proxy.AddTimeoutAsync(TimeSpan.FromSeconds(2), ToxicStream.Upstream, toxicity: 0, cancellationToken: Cancellation);
        await using var reset = await proxy.AddResetPeerAsync(TimeSpan.FromMilliseconds(300), toxicity: 0, cancellationToken: Cancellation);
        await using var slicer = await proxy.AddSlicerAsync(64, 8, TimeSpan.FromMicroseconds(250), ToxicStream.Upstream, cancellationToken: Cancellation);
        await using var limit = await proxy.AddLimitDataAsync(4096, toxicity: 0, name: "limit", cancellationToken: Cancellation);
        await using var packetLoss = await proxy.AddPacketLossAsync(0.25, 0.5, toxicity: 0, cancellationToken: Cancellation);
        await using var tcpLoss = await proxy.AddTcpLossAsync(0.1, toxicity: 0, stream: ToxicStream.Upstream, cancellationToken: Cancellation);

        var onServer = (await proxy.GetToxicsAsync(Cancellation)).ToDictionary(toxic => toxic.Name);

        Attributes(onServer["latency_downstream"]).Should().Equal(new Dictionary<string, double> { ["latency"] = 100, ["jitter"] = 10 });
        Attributes(onServer["bandwidth_upstream"]).Should().Equal(new Dictionary<string, double> { ["rate"] = 500 });
        Attributes(onServer["slow"]).Should().Equal(new Dictionary<string, double> { ["delay"] = 1000 });
        Attributes(onServer["timeout_upstream"]).Should().Equal(new Dictionary<string, double> { ["timeout"] = 2000 });
        Attributes(onServer["reset_peer_downstream"]).Should().Equal(new Dictionary<string, double> { ["timeout"] = 300 });
        Attributes(onServer["slicer_upstream"]).Should().Equal(new Dictionary<string, double> { ["average_size"] = 64, ["size_variation"] = 8, ["delay"] = 250 });
        Attributes(onServer["limit"]).Should().Equal(new Dictionary<string, double> { ["bytes"] = 4096 });
        Attributes(onServer["packet_loss_downstream"]).Should().Equal(new Dictionary<string, double> { ["loss_rate"] = 0.25, ["correlation"] = 0.5 });
        Attributes(onServer["tcp_loss_upstream"]).Should().Equal(new Dictionary<string, double>
        {
            ["loss_rate"] = 0.1, ["correlation"] = 0, ["rto"] = 200, ["max_rto"] = 120_000, ["max_retries"] = 15,
        });
        onServer["timeout_upstream"].Stream.Should().Be(ToxicStream.Upstream);
        onServer["limit"].Toxicity.Should().Be(0);
    }

    [Fact]
    public async Task A_disposed_handle_removes_its_toxic_and_tolerates_one_already_gone()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        await using (await echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(5), cancellationToken: Cancellation))
        {
            (await echo.Proxy.GetToxicsAsync(Cancellation)).Should().ContainSingle();
        }

        (await echo.Proxy.GetToxicsAsync(Cancellation)).Should().BeEmpty();

        var removedTwice = await echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(5), cancellationToken: Cancellation);
        await removedTwice.RemoveAsync(Cancellation);
        var dispose = async () => await removedTwice.DisposeAsync();
        await dispose.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Updating_through_a_handle_changes_only_what_is_given()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        await using var latency = await echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), cancellationToken: Cancellation);

        await latency.UpdateAsync(new { latency = 300 }, toxicity: 0.5, cancellationToken: Cancellation);

        latency.Attributes["latency"].GetInt64().Should().Be(300);
        latency.Attributes["jitter"].GetInt64().Should().Be(10);
        latency.Toxicity.Should().Be(0.5);
        (await echo.Proxy.GetToxicAsync(latency.Name, Cancellation)).Attributes["latency"].GetInt64().Should().Be(300);
    }

    [Fact]
    public async Task Api_errors_surface_as_exceptions_with_status_and_message()
    {
        var missing = () => toxiproxy.Client.GetProxyAsync($"missing_{Guid.NewGuid():N}", Cancellation);
        var thrown = (await missing.Should().ThrowAsync<ToxiproxyApiException>()).Which;
        thrown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        thrown.ApiMessage.Should().Be("proxy not found");

        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        var duplicate = () => toxiproxy.Client.CreateProxyAsync(echo.Proxy.Name, "127.0.0.1:0", echo.Upstream.Address, cancellationToken: Cancellation);
        (await duplicate.Should().ThrowAsync<ToxiproxyApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var unknownToxic = () => echo.Proxy.AddToxicAsync("no_such_toxic", cancellationToken: Cancellation);
        (await unknownToxic.Should().ThrowAsync<ToxiproxyApiException>()).Which.ApiMessage.Should().Be("invalid toxic type");
    }

    [Fact]
    public async Task Typed_adders_refuse_impossible_values_before_calling_the_server()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);

        var negative = () => echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(-1), cancellationToken: Cancellation);
        (await negative.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("latency");
        var improbable = () => echo.Proxy.AddTcpLossAsync(1.5, cancellationToken: Cancellation);
        (await improbable.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("lossRate");
        (await echo.Proxy.GetToxicsAsync(Cancellation)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_client_reads_version_proxies_and_listen_port()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);

        (await toxiproxy.Client.GetVersionAsync(Cancellation)).Should().Be("2.12.0");
        var listed = (await toxiproxy.Client.GetProxiesAsync(Cancellation))[echo.Proxy.Name];
        listed.Upstream.Should().Be(echo.Upstream.Address);
        listed.ListenPort.Should().Be(int.Parse(echo.Proxy.Listen.Split(':')[1]));
        listed.ListenHost.Should().Be("127.0.0.1");
    }

    private static Dictionary<string, double> Attributes(ToxicHandle toxic) =>
        toxic.Attributes.ToDictionary(pair => pair.Key, pair => pair.Value.GetDouble());
}
