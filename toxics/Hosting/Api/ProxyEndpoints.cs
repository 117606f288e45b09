using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Resilience.Toxics.Contracts;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.Hosting.Api;

/// <summary><c>/proxies</c> and <c>/populate</c>.</summary>
internal static class ProxyEndpoints
{
    // Toxiproxy listens on every interface when no host is given; this harness stays on loopback.
    private const string DefaultListen = "127.0.0.1:0";

    public static void Map(WebApplication app, ProxyRegistry registry)
    {
        app.MapGet("/proxies", context =>
            ApiJson.WriteAsync(context, registry.All.ToDictionary(proxy => proxy.Name, ProxyDocuments.From)));

        app.MapPost("/proxies", async context =>
        {
            var input = await ApiJson.ReadAsync<ProxyInput>(context);
            var proxy = registry.Create(Required(input, position: null));
            await ApiJson.WriteAsync(context, ProxyDocuments.From(proxy), StatusCodes.Status201Created);
        });

        app.MapPost("/populate", context => PopulateAsync(context, registry));

        app.MapGet("/proxies/{proxy}", context =>
            ApiJson.WriteAsync(context, ProxyDocuments.From(registry.Get(ApiJson.RouteValue(context, "proxy")))));

        app.MapMethods("/proxies/{proxy}", [HttpMethods.Post, HttpMethods.Patch], async context =>
        {
            var proxy = registry.Get(ApiJson.RouteValue(context, "proxy"));
            var input = await ApiJson.ReadAsync<ProxyInput>(context);
            proxy.Update(input.Listen ?? proxy.Listen, input.Upstream ?? proxy.Upstream, input.Enabled ?? proxy.Enabled);
            await ApiJson.WriteAsync(context, ProxyDocuments.From(proxy));
        });

        app.MapDelete("/proxies/{proxy}", context =>
        {
            registry.Delete(ApiJson.RouteValue(context, "proxy"));
            return ApiJson.NoContent(context);
        });
    }

    private static async Task PopulateAsync(HttpContext context, ProxyRegistry registry)
    {
        var inputs = await ApiJson.ReadAsync<List<ProxyInput?>>(context);
        var requests = inputs.Select((input, index) => Required(input, index + 1)).ToList();
        var duplicate = requests.GroupBy(request => request.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw ApiException.BadRequestBody($"duplicate proxy name '{duplicate.Key}'");
        }

        foreach (var request in requests)
        {
            EndpointAddress.ParseListen(request.Listen);
            EndpointAddress.ParseUpstream(request.Upstream);
        }

        var applied = registry.Populate(requests, out var failure);
        var document = new PopulateDocument { Proxies = [.. applied.Select(ProxyDocuments.From)] };
        var status = StatusCodes.Status201Created;
        if (failure is not null)
        {
            status = failure.Kind == ProxyErrorKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            document.Error = failure.Message;
            document.Status = status;
        }

        await ApiJson.WriteAsync(context, document, status);
    }

    private static ProxyRequest Required(ProxyInput? input, int? position)
    {
        var where = position is { } index ? $" at proxy {index}" : "";
        if (input is null)
        {
            throw ApiException.BadRequestBody($"expected a proxy object{where}");
        }

        if (string.IsNullOrEmpty(input.Name))
        {
            throw ApiException.MissingField("name" + where);
        }

        if (string.IsNullOrEmpty(input.Upstream))
        {
            throw ApiException.MissingField("upstream" + where);
        }

        return new ProxyRequest(input.Name, string.IsNullOrEmpty(input.Listen) ? DefaultListen : input.Listen, input.Upstream, input.Enabled ?? true);
    }
}
