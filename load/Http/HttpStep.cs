using Resilience.Load.Scenarios;

namespace Resilience.Load.Http;

/// <summary>
/// Scenario steps that send one HTTP request through a shared client and classify the answer with
/// <see cref="HttpOutcomes"/>. The body is read to the end (so the connection is reused) and discarded.
/// </summary>
public static class HttpStep
{
    /// <summary>A step sending <c>GET <paramref name="uri"/></c> through <paramref name="client"/>.</summary>
    /// <param name="name">The step's name in the scenario.</param>
    /// <param name="client">Shared by all iterations, e.g. from <see cref="LoadHttpClient.Create"/>; not disposed by the step.</param>
    /// <param name="uri">Absolute, or relative to the client's base address.</param>
    /// <param name="weight">The step's share of the scenario's mix.</param>
    public static ScenarioStep Get(string name, HttpClient client, Uri uri, double weight = 1) =>
        Send(name, client, _ => new HttpRequestMessage(HttpMethod.Get, uri), weight);

    /// <summary>A step sending <c>GET <paramref name="uri"/></c> through <paramref name="client"/>.</summary>
    /// <param name="name">The step's name in the scenario.</param>
    /// <param name="client">Shared by all iterations, e.g. from <see cref="LoadHttpClient.Create"/>; not disposed by the step.</param>
    /// <param name="uri">Absolute, or relative to the client's base address, e.g. <c>/orders/1</c>.</param>
    /// <param name="weight">The step's share of the scenario's mix.</param>
    public static ScenarioStep Get(string name, HttpClient client, string uri, double weight = 1) =>
        Get(name, client, new Uri(uri, UriKind.RelativeOrAbsolute), weight);

    /// <summary>A step sending the request <paramref name="request"/> builds (it may use the context's seeded Random).</summary>
    public static ScenarioStep Send(string name, HttpClient client, Func<StepContext, HttpRequestMessage> request, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return new ScenarioStep(name, weight, context => SendAsync(client, request(context), context.CancellationToken));
    }

    /// <summary>A step sending the fixed request of <paramref name="client"/> (the cheapest way to load one URL).</summary>
    public static ScenarioStep Fixed(string name, FixedRequestClient client, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ScenarioStep(name, weight, context => client.SendAsync(context.CancellationToken));
    }

    /// <summary>Sends <paramref name="request"/> (and disposes it) and classifies the outcome; for hand-written steps.</summary>
    public static async ValueTask<StepResult> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await client
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                    .ConfigureAwait(false);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                return HttpOutcomes.Classify(response);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or TimeoutException or IOException)
            {
                return HttpOutcomes.FromException(exception, cancellationToken);
            }
        }
    }
}
