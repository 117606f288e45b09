using System.Text.Json;
using System.Text.Json.Serialization;
using Resilience.App.Caching;
using Resilience.App.Data;
using Resilience.App.Endpoints;
using Resilience.App.Pricing;

namespace Resilience.App;

/// <summary>Source-generated JSON for every type the app reads or writes: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(CachedOrder))]
[JsonSerializable(typeof(CreateOrderRequest))]
[JsonSerializable(typeof(OrderPage))]
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(UnavailableBody))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(ResilienceReport))]
[JsonSerializable(typeof(PriceQuote))]
public sealed partial class AppJsonContext : JsonSerializerContext;
