using System.Text;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Load.Cli;

/// <summary>The one-request scenario the command line drives.</summary>
internal static class RequestScenario
{
    public static Scenario Create(LoadCommandSettings settings, HttpClient client)
    {
        var name = $"{settings.Method} {settings.Url}";
        return Scenario.Create(name).WithStep(HttpStep.Send(name, client, _ => Request(settings)));
    }

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
