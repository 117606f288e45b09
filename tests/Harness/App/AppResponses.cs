using System.Diagnostics;
using System.Net.Http.Json;

namespace Resilience.Tests.Harness.App;

/// <summary>One answer of the app, read completely, with how long it took.</summary>
public sealed record AppResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan Elapsed)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Degraded => Header("X-Degraded");

    public T Json<T>() => System.Text.Json.JsonSerializer.Deserialize<T>(Body, System.Text.Json.JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"Empty body: {this}");

    public override string ToString() => $"{Status} in {Elapsed.TotalMilliseconds:0} ms, X-Degraded: {Degraded ?? "-"}, body: {Body}";
}

/// <summary>The app's HTTP API as the tests call it.</summary>
public static class AppRequests
{
    public static Task<AppResponse> FetchAsync(this HttpClient client, string path) =>
        client.SendTimedAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public static Task<AppResponse> CreateOrderAsync(this HttpClient client, string? idempotencyKey, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendTimedAsync(request);
    }

    public static Task<AppResponse> CreateOrderAsync(this HttpClient client, string idempotencyKey, string customer, string sku = "SKU-1", int quantity = 1) =>
        client.CreateOrderAsync(idempotencyKey, new { customer, sku, quantity });

    /// <summary>Creates an order and returns it; fails the test unless the app answered 201.</summary>
    public static async Task<OrderDto> CreatedOrderAsync(this HttpClient client, string customer, string sku = "SKU-1", int quantity = 1)
    {
        var response = await client.CreateOrderAsync(Guid.NewGuid().ToString("N"), customer, sku, quantity);
        response.Status.Should().Be(201, "creating an order on a healthy stack succeeds ({0})", response);
        return response.Json<OrderDto>();
    }

    public static async Task<AppResponse> SendTimedAsync(this HttpClient client, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        using (request)
        using (var response = await client.SendAsync(request, TestContext.Current.CancellationToken))
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
            return new AppResponse((int)response.StatusCode, headers, body, Stopwatch.GetElapsedTime(started));
        }
    }
}
