using Microsoft.AspNetCore.Http;

namespace Resilience.Toxics.Hosting.Api;

/// <summary>A request the API refuses, with the status and message of its JSON error.</summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequestBody(string detail) => new(StatusCodes.Status400BadRequest, $"bad request body: {detail}");

    public static ApiException MissingField(string field) => new(StatusCodes.Status400BadRequest, $"missing required field: {field}");
}
