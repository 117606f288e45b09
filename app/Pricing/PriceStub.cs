using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Resilience.App.Pricing;

/// <summary>
/// The stand-in price service the fixtures run behind the <c>external</c> proxy: <c>GET /prices/{sku}</c>
/// answers a deterministic price at once. Self-contained (no app types, explicit usings) so it can be hosted
/// anywhere: as the app's <c>Mode=price-stub</c>, and linked into the fixtures, which host it in-process.
/// </summary>
public static class PriceStub
{
    public const int MaxSkuLength = 64;

    public static IEndpointRouteBuilder MapPriceStub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/prices/{sku}", static async (HttpContext context, string sku) =>
        {
            if (!IsValidSku(sku))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteJsonAsync(context, w => w.WriteString("error", "sku must be 1-64 letters, digits, '-' or '_'"));
                return;
            }
            await WriteJsonAsync(context, w =>
            {
                w.WriteString("sku", sku);
                w.WriteNumber("unitPriceCents", PriceOf(sku));
            });
        });
        endpoints.MapGet("/health", static () => Results.Text("ok"));
        return endpoints;
    }

    /// <summary>A stable price per SKU in 1.00..99.99, so tests can predict it.</summary>
    public static long PriceOf(string sku)
    {
        uint hash = 2166136261;
        foreach (var c in sku)
        {
            hash = (hash ^ c) * 16777619;
        }
        return 100 + hash % 9900;
    }

    public static bool IsValidSku(string sku) =>
        sku.Length is > 0 and <= MaxSkuLength && sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync();
    }
}
