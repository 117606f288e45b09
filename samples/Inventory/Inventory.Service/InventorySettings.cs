namespace Inventory.Service;

/// <summary>
/// The service's whole configuration, read once at start-up from the <c>Inventory</c> section
/// (environment variables spell it <c>Inventory__Database</c>, <c>Inventory__Cache</c>, <c>Inventory__Breakers__Enabled</c>).
/// </summary>
/// <param name="Database">Npgsql connection string.</param>
/// <param name="Cache">StackExchange.Redis configuration string.</param>
/// <param name="BreakersEnabled">
/// False builds the service without circuit breakers (timeouts stay), the variant negative controls run against.
/// </param>
public sealed record InventorySettings(string Database, string Cache, bool BreakersEnabled)
{
    public const string Section = "Inventory";

    /// <summary>Reads and validates the settings; on failure <paramref name="problem"/> says what to fix.</summary>
    public static bool TryLoad(IConfiguration configuration, out InventorySettings settings, out string problem)
    {
        var section = configuration.GetSection(Section);
        var database = section["Database"];
        var cache = section["Cache"];
        var breakers = section["Breakers:Enabled"];

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(database))
        {
            problems.Add($"{Section}:Database (an Npgsql connection string) is required");
        }
        if (string.IsNullOrWhiteSpace(cache))
        {
            problems.Add($"{Section}:Cache (a StackExchange.Redis configuration string) is required");
        }
        var breakersEnabled = true;
        if (!string.IsNullOrWhiteSpace(breakers) && !bool.TryParse(breakers, out breakersEnabled))
        {
            problems.Add($"{Section}:Breakers:Enabled must be true or false, not '{breakers}'");
        }

        settings = new InventorySettings(database ?? "", cache ?? "", breakersEnabled);
        problem = string.Join("; ", problems);
        return problems.Count == 0;
    }
}
