using System.Globalization;
using System.Text.Json;
using Inventory.Service.Dependencies;
using Inventory.Service.Http;
using Inventory.Service.Stock;
using Polly.CircuitBreaker;

namespace Inventory.Service.Reservations;

/// <summary><c>POST /reservations</c> and <c>GET /reservations/{id}</c>: validation and the mapping to HTTP.</summary>
public static class ReservationEndpoints
{
    private const string RequestIdHeader = "Request-Id";
    private const int MaxRequestIdLength = 200;
    private const int MaxQuantity = 100;

    public static void MapReservationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/reservations", CreateAsync);
        // No route constraint: an id that is not a number gets the same JSON 404 as one that does not exist.
        routes.MapGet("/reservations/{id}", FindAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ReservationLedger ledger)
    {
        var requestId = context.Request.Headers[RequestIdHeader].ToString();
        if (string.IsNullOrWhiteSpace(requestId))
        {
            return Answers.BadRequest($"the {RequestIdHeader} header is required: it makes retrying this request safe");
        }
        if (requestId.Length > MaxRequestIdLength)
        {
            return Answers.BadRequest($"the {RequestIdHeader} header is longer than {MaxRequestIdLength} characters");
        }

        using var budget = new RequestBudget(context);
        ReservationRequest? body;
        try
        {
            // The body is read whatever its Content-Type: the contract is the JSON, not the header.
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, InventoryJson.Default.ReservationRequest, budget.Token);
        }
        catch (JsonException e)
        {
            return Answers.BadRequest(
                $"the body is not reservation JSON (at {e.Path ?? "$"}): expected an object with sku (text) and quantity (a whole number)");
        }
        catch (BadHttpRequestException e)
        {
            return Answers.BadRequest($"the body could not be read: {e.Message}");
        }
        catch (Exception e) when (budget.RanOut(e))
        {
            return Answers.Error(StatusCodes.Status408RequestTimeout, "the body did not arrive in time");
        }

        if (body is null || !Sku.IsWellFormed(body.Sku))
        {
            return Answers.BadRequest("sku is required and must be SKU- and three digits, e.g. SKU-001");
        }
        if (body.Quantity is < 1 or > MaxQuantity)
        {
            return Answers.BadRequest($"quantity must be between 1 and {MaxQuantity}");
        }

        Reserved outcome;
        try
        {
            outcome = await ledger.ReserveAsync(requestId, body.Sku!, body.Quantity, budget.Token);
        }
        catch (Exception e) when (DependencyFailures.FromDatabase(e) || e is BrokenCircuitException || budget.RanOut(e))
        {
            return Answers.Unavailable(context, "the reservation was not taken: PostgreSQL did not answer; retry with the same Request-Id");
        }

        return outcome switch
        {
            Reserved.Created created => TypedResults.Created($"/reservations/{created.Id}",
                new ReservationReceipt(created.Id, requestId)),
            Reserved.Replayed replayed => TypedResults.Json(new ReservationReceipt(replayed.Id, requestId),
                InventoryJson.Default.ReservationReceipt),
            Reserved.NotEnough notEnough => Answers.Error(StatusCodes.Status409Conflict,
                $"not enough {body.Sku}: {notEnough.Available} available, {body.Quantity} asked for"),
            _ => Answers.NotFound($"no item {body.Sku}"),
        };
    }

    private static async Task<IResult> FindAsync(string id, HttpContext context, ReservationLedger ledger)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Answers.NotFound($"no reservation {id}: a reservation id is a number");
        }
        using var budget = new RequestBudget(context);
        try
        {
            return await ledger.FindAsync(number, budget.Token) is { } reservation
                ? TypedResults.Json(reservation, InventoryJson.Default.ReservationView)
                : Answers.NotFound($"no reservation {id}");
        }
        catch (Exception e) when (DependencyFailures.FromDatabase(e) || e is BrokenCircuitException || budget.RanOut(e))
        {
            return Answers.Unavailable(context, $"reservation {id} is unavailable: PostgreSQL did not answer");
        }
    }
}
