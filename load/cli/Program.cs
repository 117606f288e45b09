using System.CommandLine;
using System.Diagnostics;
using Resilience.Load;
using Resilience.Load.Cli;
using Resilience.Load.Results;
using Resilience.Load.Simulations;

// Exit codes: 0 every threshold passed, 1 a threshold failed, 2 bad usage, 3 interrupted (Ctrl+C).

// This process runs only the engine and its HTTP step, both non-blocking, so socket completions may run on the
// socket engine's thread instead of hopping to the thread pool: fewer wake-ups per request. Read when the first
// socket is created, so it is set before anything else.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
var command = LoadCommand.Create(RunAsync);
var parse = command.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run 'resilience-load --help' for the options.");
    return 2;
}

// Ctrl+C stops the run gracefully (see RunAsync) instead of having the parser cancel it.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

static async Task<int> RunAsync(LoadCommandSettings settings, CancellationToken cancellationToken)
{
    using var scenario = new RequestScenario(settings);
    LoadSimulation load = settings.IsOpenModel
        ? Simulation.Inject(settings.Rate!.Value, settings.Duration)
        : Simulation.KeepConstant(settings.VirtualUsers!.Value, settings.Duration, settings.ThinkTime is { } think ? ThinkTime.Fixed(think) : null);
    var builder = LoadTest.For(scenario.Scenario)
        .WithLoad(load)
        .WithThresholds(settings.Thresholds)
        .WithMaxInFlight(settings.MaxInFlight)
        .WithProgress(new LoadProgressWriter(Console.WriteLine), settings.ProgressInterval);
    var test = (settings.Seed is { } seed ? builder.WithSeed(seed) : builder).Build();

    Console.WriteLine($"load: {string.Join(", then ", test.Plan)} against {settings.Url} ({scenario.ClientName}), seed {test.Seed}");
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var interrupted = false;
    await using var run = test.Start(cancellationToken);
    ConsoleCancelEventHandler onCancel = (_, e) =>
    {
        if (!interrupted)
        {
            interrupted = true;
            e.Cancel = true;
            Console.Error.WriteLine("stopping: waiting for requests in flight (Ctrl+C again to kill)");
            run.Stop("interrupted by Ctrl+C");
        }
    };
    Console.CancelKeyPress += onCancel;
    LoadResult result;
    try
    {
        result = await run.Completion;
    }
    finally
    {
        Console.CancelKeyPress -= onCancel;
    }

    SummaryWriter.Write(Console.Out, result, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    if (settings.JsonPath is { } jsonPath)
    {
        await LoadResultJson.WriteAsync(result, jsonPath, CancellationToken.None);
    }

    if (settings.CsvPath is { } csvPath)
    {
        await TimelineCsv.WriteAsync(result.Timeline, csvPath, CancellationToken.None);
    }

    return !result.ThresholdsPassed ? 1 : interrupted ? 3 : 0;
}
