using System.Text;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Load.Cli;

/// <summary>The one-request scenario the command line drives, over the chosen HTTP client.</summary>
internal sealed class RequestScenario : IDisposable
{
    private readonly IDisposable _client;

    public RequestScenario(LoadCommandSettings settings)
    {
        var name = $"{settings.Method} {settings.Url}";
        if (settings.UseHttpClient)
        {
            var client = LoadHttpClient.Create(new LoadHttpClientOptions
            {
                RequestTimeout = settings.RequestTimeout,
                MaxConnectionsPerServer = settings.MaxConnections ?? int.MaxValue,
            });
            _client = client;
            Scenario = Scenarios.Scenario.Create(name).WithStep(HttpStep.Send(name, client, _ => Request(settings)));
        }
        else
        {
            var client = new FixedRequestClient(new FixedRequestOptions(
                settings.Url,
                settings.Method,
                settings.Headers,
                settings.Body is null ? default : Encoding.UTF8.GetBytes(settings.Body),
                settings.ContentType,
                settings.RequestTimeout,
                settings.MaxConnections));
            _client = client;
            Scenario = Scenarios.Scenario.Create(name).WithStep(HttpStep.Fixed(name, client));
        }

        ClientName = settings.UseHttpClient ? "HttpClient" : "fixed-request HTTP/1.1 client";
    }

    public Scenario Scenario { get; }

    public string ClientName { get; }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Request(LoadCommandSettings settings)
    {
        var request = new HttpRequestMessage(settings.Method, settings.Url);
        if (settings.Body is not null)
        {
            request.Content = new StringContent(settings.Body, Encoding.UTF8, settings.ContentType);
        }

        foreach (var (name, value) in settings.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
