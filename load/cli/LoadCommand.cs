using System.CommandLine;
using System.CommandLine.Parsing;
using Resilience.Load.Text;
using Resilience.Load.Thresholds;

namespace Resilience.Load.Cli;

/// <summary>The command line of <c>load</c>: options, their parsing and validation into <see cref="LoadCommandSettings"/>.</summary>
internal static class LoadCommand
{
    private static readonly Option<Uri> Url = new("--url", "-u")
    {
        Description = "Absolute http(s) URL to send every request to.",
        Required = true,
        CustomParser = ParseUrl,
    };

    private static readonly Option<double?> Rate = new("--rate", "-r")
    {
        Description = "Open model: requests started per second, whether or not earlier ones have finished.",
    };

    private static readonly Option<int?> VirtualUsers = new("--vus")
    {
        Description = "Closed model: this many virtual users, each sending its next request when the previous one is answered.",
    };

    private static readonly Option<TimeSpan> Duration = new("--duration", "-d")
    {
        Description = "How long to apply the load, e.g. 30s, 2m, 1m30s.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        CustomParser = ParseDuration,
    };

    private static readonly Option<string> Method = new("--method", "-X")
    {
        Description = "HTTP method.",
        DefaultValueFactory = _ => "GET",
    };

    private static readonly Option<string[]> Headers = new("--header", "-H")
    {
        Description = "A request header 'Name: value'; repeat for more.",
    };

    private static readonly Option<string?> Body = new("--body")
    {
        Description = "Request body (sent with --content-type).",
    };

    private static readonly Option<string> ContentType = new("--content-type")
    {
        Description = "Content type of --body.",
        DefaultValueFactory = _ => "application/json",
    };

    private static readonly Option<TimeSpan?> ThinkTime = new("--think-time")
    {
        Description = "Closed model: pause of each virtual user between its requests.",
        CustomParser = result => ParseDuration(result),
    };

    private static readonly Option<string[]> Thresholds = new("--threshold", "-t")
    {
        Description = "Pass/fail bound, e.g. 'p(95)<200ms', 'error_rate<0.1%', 'rate>=1000/s', 'p(99)<1s in 10s..30s'; repeat for more. A failure makes the exit code 1.",
    };

    private static readonly Option<bool> AbortOnFail = new("--abort-on-fail")
    {
        Description = "Stop the run as soon as a threshold fails (judged every second).",
    };

    private static readonly Option<long?> Seed = new("--seed")
    {
        Description = "Seed of every random choice; printed in the summary to replay a run.",
    };

    private static readonly Option<int> MaxInFlight = new("--max-in-flight")
    {
        Description = "Open model: most requests in flight at once; arrivals beyond it are dropped and counted.",
        DefaultValueFactory = _ => 10_000,
    };

    private static readonly Option<int?> MaxConnections = new("--max-connections")
    {
        Description = "Connections to the server at most (default: unlimited, one per request in flight); beyond it requests wait in the client, and that wait counts as latency.",
    };

    private static readonly Option<string?> Client = new Option<string?>("--client")
    {
        Description = "HTTP client: 'fixed' (lean HTTP/1.1 client for one fixed request, the default for http://) or 'httpclient' (.NET HttpClient, the default and the only choice for https://).",
    }.AcceptOnlyFromAmong("fixed", "httpclient");

    private static readonly Option<TimeSpan> Timeout = new("--timeout")
    {
        Description = "Per-request timeout; a request that runs out counts as error 'timeout'.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        CustomParser = ParseDuration,
    };

    private static readonly Option<TimeSpan> ProgressInterval = new("--progress-interval")
    {
        Description = "How often to print live progress.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
        CustomParser = ParseDuration,
    };

    private static readonly Option<string?> Json = new("--json")
    {
        Description = "Write the full result as JSON to this file.",
    };

    private static readonly Option<string?> Csv = new("--csv")
    {
        Description = "Write the per-second timeline as CSV to this file.",
    };

    public static RootCommand Create(Func<LoadCommandSettings, CancellationToken, Task<int>> run)
    {
        var command = new RootCommand(
            "Drives an HTTP endpoint at a fixed arrival rate (--rate, open model) or with virtual users (--vus, closed model), " +
            "prints live progress and a summary, and exits with 1 when a --threshold fails.")
        {
            Url, Rate, VirtualUsers, Duration, Method, Headers, Body, ContentType, ThinkTime,
            Thresholds, AbortOnFail, Seed, MaxInFlight, MaxConnections, Client, Timeout, ProgressInterval, Json, Csv,
        };
        command.Validators.Add(Validate);
        command.SetAction((parse, cancellationToken) => run(Settings(parse), cancellationToken));
        return command;
    }

    private static LoadCommandSettings Settings(ParseResult parse)
    {
        var abort = parse.GetValue(AbortOnFail);
        return new LoadCommandSettings(
            Url: parse.GetRequiredValue(Url),
            Method: HttpMethod.Parse(parse.GetValue(Method)),
            Headers: (parse.GetValue(Headers) ?? []).Select(ParseHeader).ToList(),
            Body: parse.GetValue(Body),
            ContentType: parse.GetValue(ContentType)!,
            Rate: parse.GetValue(Rate),
            VirtualUsers: parse.GetValue(VirtualUsers),
            Duration: parse.GetValue(Duration),
            ThinkTime: parse.GetValue(ThinkTime),
            Thresholds: (parse.GetValue(Thresholds) ?? [])
                .Select(text => abort ? Threshold.Parse(text).WithAbortOnFail() : Threshold.Parse(text))
                .ToList(),
            Seed: parse.GetValue(Seed),
            MaxInFlight: parse.GetValue(MaxInFlight),
            MaxConnections: parse.GetValue(MaxConnections),
            UseHttpClient: parse.GetValue(Client) is { } client ? client == "httpclient" : parse.GetRequiredValue(Url).Scheme != Uri.UriSchemeHttp,
            RequestTimeout: parse.GetValue(Timeout),
            ProgressInterval: parse.GetValue(ProgressInterval),
            JsonPath: parse.GetValue(Json),
            CsvPath: parse.GetValue(Csv));
    }

    /// <summary>Cross-option rules and value ranges, reported as usage errors before anything runs.</summary>
    private static void Validate(CommandResult result)
    {
        // Reading a value runs its parser, which reports unreadable text (a bad URL or duration) itself.
        Given(result, Url, out _);
        var hasRate = Given(result, Rate, out var rate);
        var hasUsers = Given(result, VirtualUsers, out var users);
        if (hasRate == hasUsers)
        {
            result.AddError("Give exactly one of --rate (open model) or --vus (closed model).");
        }

        if (hasRate && (rate <= 0 || !double.IsFinite(rate!.Value)))
        {
            result.AddError("--rate must be a positive number of requests per second.");
        }

        if (hasUsers && users <= 0)
        {
            result.AddError("--vus must be at least 1.");
        }

        if (Given(result, ThinkTime, out _) && !hasUsers)
        {
            result.AddError("--think-time applies to the closed model only (--vus).");
        }

        if (Given(result, Duration, out var duration) && duration <= TimeSpan.Zero)
        {
            result.AddError("--duration must be positive.");
        }

        if (Given(result, Timeout, out var timeout) && timeout <= TimeSpan.Zero)
        {
            result.AddError("--timeout must be positive.");
        }

        if (Given(result, MaxInFlight, out var maxInFlight) && maxInFlight < 1)
        {
            result.AddError("--max-in-flight must be at least 1.");
        }

        if (Given(result, Client, out var client) && client == "fixed" && Given(result, Url, out var url) && url?.Scheme != Uri.UriSchemeHttp)
        {
            result.AddError("--client fixed speaks plain http:// only; use --client httpclient for https://.");
        }

        if (Given(result, MaxConnections, out var maxConnections) && maxConnections < 1)
        {
            result.AddError("--max-connections must be at least 1.");
        }

        if (Given(result, ProgressInterval, out var interval) && interval < TimeSpan.FromSeconds(1))
        {
            result.AddError("--progress-interval must be at least 1s.");
        }

        Given(result, Headers, out var headers);
        foreach (var header in headers ?? [])
        {
            if (!header.Contains(':'))
            {
                result.AddError($"--header '{header}' needs the form 'Name: value'.");
            }
        }

        Given(result, Thresholds, out var thresholds);
        foreach (var text in thresholds ?? [])
        {
            if (!Threshold.TryParse(text, out _, out var error))
            {
                result.AddError(error);
            }
        }
    }

    /// <summary>
    /// Whether the user gave <paramref name="option"/> a readable value, and the value. Unreadable text has been
    /// reported by the option's parser already.
    /// </summary>
    private static bool Given<T>(CommandResult result, Option<T> option, out T? value)
    {
        value = default;
        if (result.GetResult(option) is not { Implicit: false } given)
        {
            return false;
        }

        try
        {
            value = given.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"--url '{text}' is not an absolute http:// or https:// URL.");
        return null!;
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DurationText.TryParse(text, out var duration, out var error))
        {
            return duration;
        }

        result.AddError($"{((OptionResult)result.Parent!).Option.Name}: {error}");
        return TimeSpan.Zero;
    }

    private static KeyValuePair<string, string> ParseHeader(string header)
    {
        var colon = header.IndexOf(':');
        return new KeyValuePair<string, string>(header[..colon].Trim(), header[(colon + 1)..].Trim());
    }
}
