using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Resilience.Toxics.Contracts;

namespace Resilience.Toxics.Hosting.Api;

/// <summary>Reading request bodies and writing JSON answers the way Toxiproxy does.</summary>
internal static class ApiJson
{
    // Go's decoder matches field names case-insensitively and rejects wrong types; so does this one.
    public static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Reads the whole body as <typeparamref name="T"/>; anything else is a 400 (a body over the size
    /// cap is a 413, raised by Kestrel while reading).</summary>
    public static async Task<T> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted)
                ?? throw ApiException.BadRequestBody("expected a JSON value, got null");
        }
        catch (JsonException error)
        {
            throw ApiException.BadRequestBody(error.Message);
        }
    }

    public static Task WriteAsync<T>(HttpContext context, T document, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(document, Options, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, new ApiErrorDocument { Error = message, Status = status }, status);

    public static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public static string RouteValue(HttpContext context, string key) => (string)context.Request.RouteValues[key]!;
}
