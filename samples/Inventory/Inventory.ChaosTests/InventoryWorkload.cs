using Resilience.Fixtures.Ledger;
using Resilience.Fixtures.Workloads;

namespace Inventory.ChaosTests;

/// <summary>What the service's users do: mostly look up stock, sometimes reserve it.</summary>
public static class InventoryWorkload
{
    public const string Lookup = "get-stock";
    public const string Reserve = "reserve";

    private const int Skus = 100;

    public static HttpWorkload Default { get; } = HttpWorkload.Create()
        .WithValue("sku", random => Sku(random.Next(Skus)))
        .WithRequest(Lookup, 80, HttpMethod.Get, "/stock/{sku}")
        .WithWrite(Reserve, 20, HttpMethod.Post, "/reservations", """{"sku":"{sku}","quantity":1}""",
            idempotencyHeader: "Request-Id", acknowledgedIdProperty: "reservationId")
        // Every item is looked up once, so the cache and the service's last-known copies hold it before the faults.
        .WithSeed(async (client, cancellationToken) =>
        {
            for (var i = 0; i < Skus; i++)
            {
                using var response = await client.GetAsync($"/stock/{Sku(i)}", cancellationToken);
                response.EnsureSuccessStatusCode();
            }
        })
        .WithLedger(LedgerChecks.Table(InventoryStack.Database, "reservations", keyColumn: "request_id"));

    private static string Sku(int index) => $"SKU-{index:000}";
}
