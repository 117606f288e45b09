using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Resilience.Toxics.Contracts;
using Resilience.Toxics.Proxying;
using Resilience.Toxics.ToxicTypes;

namespace Resilience.Toxics.Hosting.Api;

/// <summary><c>/proxies/{proxy}/toxics</c>. Creating a toxic answers 200, as Toxiproxy does.</summary>
internal static class ToxicEndpoints
{
    public static void Map(WebApplication app, ProxyRegistry registry)
    {
        app.MapGet("/proxies/{proxy}/toxics", context =>
            ApiJson.WriteAsync(context, ProxyOf(context, registry).Toxics.All.Select(ProxyDocuments.From).ToList()));

        app.MapPost("/proxies/{proxy}/toxics", async context =>
        {
            var proxy = ProxyOf(context, registry);
            var toxic = proxy.Toxics.Add(Definition(await ApiJson.ReadAsync<ToxicInput>(context)));
            await ApiJson.WriteAsync(context, ProxyDocuments.From(toxic));
        });

        app.MapGet("/proxies/{proxy}/toxics/{toxic}", context =>
            ApiJson.WriteAsync(context, ProxyDocuments.From(ProxyOf(context, registry).Toxics.Get(ApiJson.RouteValue(context, "toxic")))));

        app.MapMethods("/proxies/{proxy}/toxics/{toxic}", [HttpMethods.Post, HttpMethods.Patch], async context =>
        {
            var proxy = ProxyOf(context, registry);
            var name = ApiJson.RouteValue(context, "toxic");
            proxy.Toxics.Get(name); // an unknown toxic is a 404 whatever the body says
            var input = await ApiJson.ReadAsync<ToxicInput>(context);
            var updated = proxy.Toxics.Update(name, existing => existing with
            {
                Toxicity = input.Toxicity is { } toxicity ? ValidToxicity(toxicity) : existing.Toxicity,
                Attributes = input.Attributes is { } patch ? ToxicCatalog.Merge(existing.Attributes, patch) : existing.Attributes,
            });
            await ApiJson.WriteAsync(context, ProxyDocuments.From(updated));
        });

        app.MapDelete("/proxies/{proxy}/toxics/{toxic}", context =>
        {
            ProxyOf(context, registry).Toxics.Remove(ApiJson.RouteValue(context, "toxic"));
            return ApiJson.NoContent(context);
        });
    }

    private static TcpProxy ProxyOf(HttpContext context, ProxyRegistry registry) => registry.Get(ApiJson.RouteValue(context, "proxy"));

    /// <summary>Checks in Toxiproxy's order: stream, then type, then attributes.</summary>
    private static ToxicDefinition Definition(ToxicInput input)
    {
        var streamName = input.Stream ?? ToxicStreamNames.Downstream;
        if (!ToxicStreamNames.TryParse(streamName, out var stream))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "stream was invalid, can be either upstream or downstream");
        }

        if (input.Type is not { } type || !ToxicCatalog.IsKnown(type))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "invalid toxic type");
        }

        var name = string.IsNullOrEmpty(input.Name) ? $"{type}_{stream.ToWireName()}" : input.Name;
        var toxicity = ValidToxicity(input.Toxicity ?? 1.0);
        return new ToxicDefinition(name, type, stream, toxicity, ToxicCatalog.Create(type, input.Attributes));
    }

    private static double ValidToxicity(double toxicity) =>
        toxicity is >= 0 and <= 1
            ? toxicity
            : throw ApiException.BadRequestBody("toxicity must be between 0 and 1");
}
