using System.CommandLine;
using Microsoft.Extensions.Logging;
using Resilience.Toxics;
using Resilience.Toxics.Server;

// Before the first socket exists: run socket continuations on the event thread instead of hopping to the thread
// pool. A proxy's continuations are short and never block, and the hop is a large part of its cost per read.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

// toxiproxy-server's flags, in both spellings: Go's single dash (-port 8474) and the usual double dash.
var host = new Option<string>("--host", "-host") { Description = "Address of the REST API.", DefaultValueFactory = _ => "127.0.0.1" };
var port = new Option<int>("--port", "-port") { Description = "Port of the REST API (0 picks a free one).", DefaultValueFactory = _ => 8474 };
var config = new Option<FileInfo?>("--config", "-config") { Description = "JSON file with a list of proxies to create at start." };
var seed = new Option<int?>("--seed", "-seed") { Description = "Seed for toxicity, jitter and loss, to replay a run." };
var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every proxy start and stop." };

var command = new RootCommand("A Toxiproxy-compatible server: TCP proxies with toxics, driven through Toxiproxy's REST API.")
{
    host, port, config, seed, verbose,
};

command.SetAction(async (parsed, stopping) =>
{
    using var logging = LoggerFactory.Create(builder => builder
        .AddSimpleConsole(console => console.SingleLine = true)
        .SetMinimumLevel(parsed.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)); // start-up failures are reported below, once
    ToxiproxyServer server;
    try
    {
        server = await ToxiproxyServer.StartAsync(
            new ToxiproxyServerOptions
            {
                Host = parsed.GetValue(host)!,
                Port = parsed.GetValue(port),
                Seed = parsed.GetValue(seed),
                Proxies = parsed.GetValue(config) is { } file ? ProxyConfigFile.Read(file) : [],
                LoggerFactory = logging,
            },
            stopping);
    }
    catch (Exception error) when (error is IOException or InvalidDataException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
    {
        await Console.Error.WriteLineAsync($"toxiproxy-server: {error.Message}");
        return 2;
    }

    await using (server)
    {
        Console.WriteLine($"Toxiproxy-compatible API listening on {server.ApiAddress}");
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: disposing the server closes every proxy.
        }
    }

    return 0;
});

return await command.Parse(args).InvokeAsync();
