namespace Inventory.Service.Http;

/// <summary>The error answers every endpoint shares, so a 503 looks the same whichever dependency caused it.</summary>
public static class Answers
{
    public static IResult Error(int status, string message) =>
        TypedResults.Json(new ErrorBody(message), InventoryJson.Default.ErrorBody, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    /// <summary>Nothing could answer in time: the client may try again in a second (the breakers' half-open probes start after two).</summary>
    public static IResult Unavailable(HttpContext context, string message)
    {
        context.Response.Headers.RetryAfter = "1";
        return Error(StatusCodes.Status503ServiceUnavailable, message);
    }
}
