using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Resilience.Tests.Harness.Load;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) for the load engine's tests. It records when each request
/// arrived and how many were being served at once, and answers through a replaceable handler.
/// </summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Arrival> _arrivals = new();
    private readonly Func<HttpContext, Task> _respond;
    private int _concurrency;
    private int _maxConcurrency;

    private TestHttpServer(WebApplication app, Func<HttpContext, Task> respond)
    {
        _app = app;
        _respond = respond;
    }

    public Uri Url { get; private set; } = null!;

    public int MaxConcurrency => Volatile.Read(ref _maxConcurrency);

    /// <summary>Every request's arrival time and how many were being served right after it arrived.</summary>
    public IReadOnlyList<Arrival> Arrivals => _arrivals.ToArray();

    public int RequestCount => _arrivals.Count;

    /// <summary>Starts a server answering 200 "ok" at once, or through <paramref name="respond"/>.</summary>
    public static async Task<TestHttpServer> StartAsync(Func<HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TestHttpServer(app, respond ?? (context => context.Response.WriteAsync("ok")));
        app.Run(server.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>Arrivals per second of a run that started at <paramref name="runStart"/>.</summary>
    public long[] ArrivalsPerSecond(DateTimeOffset runStart, int seconds)
    {
        var counts = new long[seconds];
        foreach (var arrival in Arrivals)
        {
            var second = (int)Math.Floor((arrival.At - runStart).TotalSeconds);
            if (second >= 0 && second < seconds)
            {
                counts[second]++;
            }
        }

        return counts;
    }

    private static DateTimeOffset? IntendedStartOf(HttpRequest request) =>
        long.TryParse(request.Headers[LoadRuns.IntendedStartHeader], out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private async Task HandleAsync(HttpContext context)
    {
        var arrivedAt = DateTimeOffset.UtcNow;
        var now = Interlocked.Increment(ref _concurrency);
        _arrivals.Enqueue(new Arrival(arrivedAt, now, IntendedStartOf(context.Request)));
        var max = Volatile.Read(ref _maxConcurrency);
        while (now > max && Interlocked.CompareExchange(ref _maxConcurrency, now, max) != max)
        {
            max = Volatile.Read(ref _maxConcurrency);
        }

        try
        {
            await _respond(context);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrency);
        }
    }
}

/// <param name="Intended">The iteration's intended start, when the client sent it (see <see cref="LoadRuns.GetStamped"/>).</param>
internal readonly record struct Arrival(DateTimeOffset At, int Concurrency, DateTimeOffset? Intended);
