using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inventory.Service.Http;

/// <summary>What <c>GET /stock/{sku}</c> answers.</summary>
public sealed record StockLevel(string Sku, int Available);

/// <summary>The body of <c>POST /reservations</c>.</summary>
public sealed record ReservationRequest(string? Sku, int Quantity);

/// <summary>What <c>POST /reservations</c> answers, for a new reservation and a replayed one alike.</summary>
public sealed record ReservationReceipt(long ReservationId, string RequestId);

/// <summary>What <c>GET /reservations/{id}</c> answers.</summary>
public sealed record ReservationView(long ReservationId, string? RequestId, string Sku, int Quantity, DateTimeOffset? CreatedAt);

/// <summary>Every error answer: one human-readable sentence.</summary>
public sealed record ErrorBody(string Error);

public sealed record HealthBody(string Status);

/// <summary>
/// Source-generated serialisation for the wire shapes (camelCase). Numbers must be JSON numbers: "1" or 1.5 for a
/// quantity is a 400, not a guess.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(StockLevel))]
[JsonSerializable(typeof(ReservationRequest))]
[JsonSerializable(typeof(ReservationReceipt))]
[JsonSerializable(typeof(ReservationView))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthBody))]
public sealed partial class InventoryJson : JsonSerializerContext;
