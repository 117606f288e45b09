using System.Text.RegularExpressions;

namespace Inventory.Service.Stock;

/// <summary>What a sku looks like: <c>SKU-</c> and three digits, as seeded. Anything else is answered without a dependency call.</summary>
public static partial class Sku
{
    public static bool IsWellFormed(string? sku) => sku is not null && Pattern().IsMatch(sku);

    [GeneratedRegex("^SKU-[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
