using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Resilience.Toxics.Contracts;

namespace Resilience.Toxics;

/// <summary>HTTP plumbing shared by the client types: JSON in and out, API errors as exceptions.</summary>
internal sealed class ApiConnection(Uri apiAddress, HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public Uri ApiAddress { get; } = apiAddress.AbsoluteUri.EndsWith('/') ? apiAddress : new Uri(apiAddress.AbsoluteUri + "/");

    public static string Segment(string value) => Uri.EscapeDataString(value);

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new ToxiproxyApiException(response.StatusCode, "empty answer", $"{method} /{path}");
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
    }

    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(ApiAddress, path));
        request.Headers.UserAgent.ParseAdd("Resilience.Toxics");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ToxiproxyApiException(response.StatusCode, ErrorMessage(text), $"{method} /{path}");
        }
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ApiErrorDocument>(body, Json)?.Error is { Length: > 0 } error ? error : body.Trim();
        }
        catch (JsonException)
        {
            return body.Trim();
        }
    }
}
