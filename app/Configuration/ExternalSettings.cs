namespace Resilience.App.Configuration;

/// <summary>The <c>External</c> section: the price lookup service.</summary>
public sealed class ExternalSettings
{
    public const string Section = "External";

    /// <summary>Base address of the price service; <c>GET {BaseUrl}/prices/{sku}</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Unit price used when the price service fails or times out (documented fallback).</summary>
    public long FallbackUnitPriceCents { get; set; } = 999;
}
