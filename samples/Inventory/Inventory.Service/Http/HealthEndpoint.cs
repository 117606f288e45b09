namespace Inventory.Service.Http;

/// <summary>
/// <c>GET /healthz</c>: liveness and readiness in one. The service listens only after start-up finished, so any
/// answer means ready; it checks no dependency, because the service is meant to keep answering while they fail.
/// </summary>
public static class HealthEndpoint
{
    public static void MapHealthEndpoint(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/healthz", () => TypedResults.Json(new HealthBody("ok"), InventoryJson.Default.HealthBody));
}
