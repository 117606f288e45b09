using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;

namespace Resilience.Tests.Harness.Stack;

/// <summary>
/// <c>resilience-stack up</c> keeps a whole stack up for an engineer: the addresses in its env file work with plain
/// HTTP, as with <c>curl</c>, and a fault added through the Toxiproxy API reaches the app.
/// </summary>
[Collection(nameof(RunningStackCollection))]
public sealed class StackUpCommandTests(RunningStackCli stack)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    [SupportedOSPlatform("linux")]
    public void The_env_file_points_the_external_provider_at_the_stack_and_only_its_owner_can_read_it()
    {
        stack.Variables.Should().ContainKey("RESILIENCE_ENV").WhoseValue.Should().Be("external");
        stack.Variables.Keys.Should().Contain(["RESILIENCE_APP_URL", "RESILIENCE_TOXIPROXY_URL", "RESILIENCE_POSTGRES", "RESILIENCE_REDIS"]);
        File.GetUnixFileMode(stack.EnvFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the file holds passwords");
    }

    [Fact]
    public async Task The_app_answers_ready_at_RESILIENCE_APP_URL()
    {
        using var http = new HttpClient { BaseAddress = stack.AppUrl, Timeout = TimeSpan.FromSeconds(10) };

        using var response = await http.GetAsync("health/ready", Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_Toxiproxy_API_at_RESILIENCE_TOXIPROXY_URL_lists_the_postgres_redis_and_external_proxies()
    {
        using var http = new HttpClient { BaseAddress = stack.ToxiproxyUrl, Timeout = TimeSpan.FromSeconds(10) };

        using var proxies = JsonDocument.Parse(await http.GetStringAsync("proxies", Cancellation));

        proxies.RootElement.EnumerateObject().Select(proxy => proxy.Name).Should().BeEquivalentTo("postgres", "redis", "pricing");
        proxies.RootElement.EnumerateObject().Should().OnlyContain(proxy => proxy.Value.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_latency_toxic_added_through_the_Toxiproxy_API_slows_the_orders_list()
    {
        // Below the app's PostgreSQL attempt timeout (300 ms), so the slowed answers still succeed.
        const int latencyMs = 150;
        using var app = new HttpClient { BaseAddress = stack.AppUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var toxiproxy = new HttpClient { BaseAddress = stack.ToxiproxyUrl, Timeout = TimeSpan.FromSeconds(10) };
        var before = await MedianListTimeAsync(app);

        using var added = await toxiproxy.PostAsync(
            "proxies/postgres/toxics",
            new StringContent($$$"""{"name":"slow","type":"latency","stream":"downstream","attributes":{"latency":{{{latencyMs}}}}}""", Encoding.UTF8, "application/json"),
            Cancellation);
        TimeSpan during;
        try
        {
            added.StatusCode.Should().Be(HttpStatusCode.OK, await added.Content.ReadAsStringAsync(Cancellation));
            during = await MedianListTimeAsync(app);
        }
        finally
        {
            (await toxiproxy.DeleteAsync("proxies/postgres/toxics/slow", Cancellation)).Dispose();
        }

        (during - before).TotalMilliseconds.Should().BeGreaterThan(latencyMs * 0.8,
            "every answer waits for PostgreSQL's reply, which the toxic holds back {0} ms (median before {1:0} ms, with the toxic {2:0} ms)",
            latencyMs, before.TotalMilliseconds, during.TotalMilliseconds);
    }

    /// <summary>The median of several sequential <c>GET /orders?page=1</c>, each of which must succeed undegraded.</summary>
    private static async Task<TimeSpan> MedianListTimeAsync(HttpClient app)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 9; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await app.GetAsync("orders?page=1", Cancellation);
            await response.Content.ReadAsStringAsync(Cancellation);
            times.Add(Stopwatch.GetElapsedTime(started));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.Contains("X-Degraded").Should().BeFalse("the list is read from PostgreSQL, not a fallback");
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
