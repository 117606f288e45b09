using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Resilience.Toxics.Contracts;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.Hosting.Api;

/// <summary><c>/reset</c>, <c>/version</c> and <c>/metrics</c>.</summary>
internal static class ServerEndpoints
{
    /// <summary>The Toxiproxy API version this server implements (reported by <c>/version</c>).</summary>
    public const string CompatibleVersion = "2.12.0";

    public static void Map(WebApplication app, ProxyRegistry registry)
    {
        app.MapPost("/reset", context =>
        {
            registry.Reset();
            return ApiJson.NoContent(context);
        });

        app.MapGet("/version", context => ApiJson.WriteAsync(context, new VersionDocument { Version = CompatibleVersion }));

        app.MapGet("/metrics", context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return context.Response.WriteAsync(PrometheusText.Render(registry.All), context.RequestAborted);
        });
    }
}
