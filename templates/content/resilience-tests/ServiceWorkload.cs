using System.Globalization;
using Resilience.Fixtures.Ledger;
using Resilience.Fixtures.Workloads;

namespace MyService.ChaosTests;

/// <summary>What the service's users do: mostly read an item, sometimes write. Change it to your service's calls.</summary>
public static class ServiceWorkload
{
    public const string Read = "read";
    public const string Write = "write";

    /// <summary>How many items the service knows, with ids 000 to 099.</summary>
    private const int Items = 100;

    public static HttpWorkload Default { get; } = HttpWorkload.Create()
        .WithValue("id", random => Id(random.Next(Items)))
        .WithRequest(Read, 80, HttpMethod.Get, "TEMPLATE_READ_PATH")
        .WithWrite(Write, 20, HttpMethod.Post, "TEMPLATE_WRITE_PATH", """TEMPLATE_WRITE_BODY""",
            idempotencyHeader: "TEMPLATE_IDEMPOTENCY_HEADER", acknowledgedIdProperty: "TEMPLATE_ACKNOWLEDGED_ID")
        // Every item is read once before the load, so that whatever copies the service keeps (its cache) hold it
        // before the faults begin.
        .WithSeed(async (client, cancellationToken) =>
        {
            for (var i = 0; i < Items; i++)
            {
                using var response = await client.GetAsync("TEMPLATE_READ_PATH".Replace("{id}", Id(i), StringComparison.Ordinal), cancellationToken);
                response.EnsureSuccessStatusCode();
            }
        })
        // Every write the service acknowledged must be in this table exactly once after the run.
        .WithLedger(LedgerChecks.Table(ChaosStack.Database, "TEMPLATE_LEDGER_TABLE", idColumn: "TEMPLATE_LEDGER_ID_COLUMN", keyColumn: "TEMPLATE_LEDGER_KEY_COLUMN"));

    private static string Id(int index) => index.ToString("000", CultureInfo.InvariantCulture);
}
