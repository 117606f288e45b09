using System.Net;
using System.Text;
using System.Text.Json;

namespace Resilience.Tests.Harness.Toxics.Support;

/// <summary>Plain HTTP against the Toxiproxy API, to check status codes and JSON shapes exactly.</summary>
internal sealed class RawApi(Uri apiAddress) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = apiAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<RawAnswer> SendAsync(HttpMethod method, string path, string? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await SendAsync(request, cancellationToken);
    }

    public async Task<RawAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new RawAnswer(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType);
    }

    public Task<RawAnswer> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<RawAnswer> PostAsync(string path, string body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public void Dispose() => http.Dispose();
}

internal sealed record RawAnswer(HttpStatusCode Status, string Body, string? MediaType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>Asserts Toxiproxy's error shape: <c>{"error": "...", "status": N}</c> with N the HTTP status.</summary>
    public RawAnswer ShouldBeError(HttpStatusCode status, string? message = null)
    {
        Status.Should().Be(status, "the answer was {0}", Body);
        MediaType.Should().Be("application/json");
        Json.GetProperty("status").GetInt32().Should().Be((int)status);
        var error = Json.GetProperty("error").GetString();
        error.Should().NotBeNullOrWhiteSpace();
        if (message is not null)
        {
            error.Should().Contain(message);
        }

        return this;
    }
}
