using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Tests.Harness.Load;

/// <summary>The lean HTTP/1.1 client against a real Kestrel server and a misbehaving raw TCP responder.</summary>
public sealed class FixedRequestClientTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private TestHttpServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await TestHttpServer.StartAsync(context =>
    {
        _connections.TryAdd(context.Connection.Id, 0);
        return OutcomeRoutes.RespondAsync(context);
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(OutcomeRoutes.Expected), MemberType = typeof(OutcomeRoutes))]
    [InlineData("/chunked", StepOutcome.Ok, null)]
    [InlineData("/large", StepOutcome.Ok, null)]
    public async Task Answers_and_failures_map_like_the_HttpClient_step(string path, StepOutcome outcome, string? kind)
    {
        using var client = Client(path);

        var result = await client.SendAsync(TestContext.Current.CancellationToken);

        result.Should().Be(new StepResult(outcome, kind));
    }

    [Theory]
    [InlineData("/ok")]
    [InlineData("/chunked")]
    [InlineData("/large")]
    public async Task Sequential_requests_reuse_one_keep_alive_connection_whatever_the_body_framing(string path)
    {
        using var client = Client(path);

        for (var i = 0; i < 30; i++)
        {
            (await client.SendAsync(TestContext.Current.CancellationToken)).Should().Be(StepResult.Ok, "request {0} reads the previous body to its exact end", i);
        }

        client.OpenConnections.Should().Be(1);
        _connections.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_connection_the_server_closes_is_not_reused()
    {
        using var client = Client("/close");

        for (var i = 0; i < 5; i++)
        {
            (await client.SendAsync(TestContext.Current.CancellationToken)).Should().Be(StepResult.Ok);
        }

        client.OpenConnections.Should().Be(0);
        _connections.Should().HaveCount(5);
    }

    [Fact]
    public async Task A_post_carries_its_headers_and_body()
    {
        using var client = new FixedRequestClient(new FixedRequestOptions(
            new Uri(_server.Url, "/echo"), HttpMethod.Post, [new("Idempotency-Key", "k-1")], Encoding.UTF8.GetBytes("{\"id\":1}")));

        (await client.SendAsync(TestContext.Current.CancellationToken)).Should().Be(StepResult.Ok);
    }

    [Fact]
    public async Task Max_connections_bounds_what_the_server_sees_at_once()
    {
        await using var slow = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(50, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        using var client = new FixedRequestClient(new FixedRequestOptions(slow.Url, MaxConnections: 2));

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.SendAsync(TestContext.Current.CancellationToken).AsTask()));

        results.Should().AllBeEquivalentTo(StepResult.Ok);
        slow.MaxConcurrency.Should().Be(2);
        client.OpenConnections.Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_connection_refused()
    {
        using var client = new FixedRequestClient(new FixedRequestOptions(new Uri($"http://127.0.0.1:{OutcomeRoutes.UnusedPort()}/")));

        (await client.SendAsync(TestContext.Current.CancellationToken)).Should().Be(StepResult.Error("connection_refused"));
    }

    [Fact]
    public async Task A_get_on_a_connection_the_server_dropped_while_idle_is_sent_again_on_a_new_one()
    {
        using var responder = new ClosingResponder();
        using var client = new FixedRequestClient(new FixedRequestOptions(responder.Url));

        var first = await client.SendAsync(TestContext.Current.CancellationToken);
        await responder.FirstConnectionClosed.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var second = await client.SendAsync(TestContext.Current.CancellationToken);

        first.Should().Be(StepResult.Ok);
        second.Should().Be(StepResult.Ok, "the stale connection failed before any answer, so the GET went out again");
        responder.Connections.Should().Be(2);
    }

    [Fact]
    public async Task A_post_on_a_connection_the_server_dropped_is_reported_not_repeated()
    {
        using var responder = new ClosingResponder();
        using var client = new FixedRequestClient(new FixedRequestOptions(responder.Url, HttpMethod.Post, Body: "{}"u8.ToArray()));

        await client.SendAsync(TestContext.Current.CancellationToken);
        await responder.FirstConnectionClosed.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var second = await client.SendAsync(TestContext.Current.CancellationToken);

        second.Outcome.Should().Be(StepOutcome.Error, "a write may have reached the server; it is not sent twice");
        second.Kind.Should().BeOneOf("response_ended", "connection_reset");
        responder.Connections.Should().Be(1);
    }

    [Fact]
    public void Https_and_relative_urls_are_refused_with_a_pointer_to_HttpClient()
    {
        var https = () => new FixedRequestClient(new FixedRequestOptions(new Uri("https://127.0.0.1/")));

        https.Should().Throw<ArgumentException>().WithMessage("*plain http://*HttpClient*");
    }

    /// <summary>A short timeout only where the server never answers; elsewhere a busy machine must not fail the test.</summary>
    private FixedRequestClient Client(string path) =>
        new(new FixedRequestOptions(new Uri(_server.Url, path), Timeout: path == "/slow" ? TimeSpan.FromMilliseconds(300) : null));

    /// <summary>
    /// Answers each request with 200 and a Content-Length, then closes the connection without saying so
    /// (no "Connection: close"), like a server whose idle timeout fired: a client sees a keep-alive connection die.
    /// </summary>
    private sealed class ClosingResponder : IDisposable
    {
        private static readonly byte[] Response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray();
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource _firstClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _connections;

        public ClosingResponder()
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = AcceptAsync();
        }

        public Uri Url { get; }

        public int Connections => Volatile.Read(ref _connections);

        public Task FirstConnectionClosed => _firstClosed.Task;

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var socket = await _listener.AcceptSocketAsync();
                    Interlocked.Increment(ref _connections);
                    var buffer = new byte[4096];
                    var received = 0;
                    while (buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8) < 0)
                    {
                        received += await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None);
                    }

                    await socket.SendAsync(Response, SocketFlags.None);
                    socket.Shutdown(SocketShutdown.Both);
                    socket.Close();
                    _firstClosed.TrySetResult();
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // the listener was stopped
            }
        }
    }
}
