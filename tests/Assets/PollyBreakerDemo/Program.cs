using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

// The demo's protocol on stdout, one line each (its logs go to stderr):
//   ready <pid>                    the pipeline is built and commands are read
//   raised <State> <UTC time>      the breaker raised a transition (from Polly's own callback, right after telemetry)
//   done <command> <outcome>       a command finished
// Commands on stdin: "fail" (failing calls until the breaker opens), "succeed" (one call that succeeds if let through).
// Options: --BreakMs <ms> (default 1000); --EventSourceLogging false (a service without the EventSource logger).
var builder = Host.CreateApplicationBuilder(args);
if (!builder.Configuration.GetValue("EventSourceLogging", true))
{
    builder.Logging.ClearProviders();
}

builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
var breakDuration = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("BreakMs", 1000));

builder.Services.AddResiliencePipeline("demo-db", pipeline => pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions
{
    FailureRatio = 0.5,
    MinimumThroughput = 2,
    SamplingDuration = TimeSpan.FromSeconds(30),
    BreakDuration = breakDuration,
    OnOpened = _ => Raised("Open"),
    OnHalfOpened = _ => Raised("HalfOpen"),
    OnClosed = _ => Raised("Closed"),
}));

using var host = builder.Build();
await host.StartAsync();
var breaker = host.Services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("demo-db");
Console.WriteLine($"ready {Environment.ProcessId}");

while (Console.ReadLine() is { } command)
{
    switch (command.Trim())
    {
        case "fail":
            var calls = 0;
            try
            {
                while (calls < 10)
                {
                    calls++;
                    try
                    {
                        await breaker.ExecuteAsync(_ => throw new InvalidOperationException("demo-db is down"));
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            }
            catch (BrokenCircuitException)
            {
            }

            Console.WriteLine($"done fail after {calls} calls");
            break;
        case "succeed":
            try
            {
                await breaker.ExecuteAsync(_ => ValueTask.CompletedTask);
                Console.WriteLine("done succeed ok");
            }
            catch (BrokenCircuitException)
            {
                Console.WriteLine("done succeed rejected");
            }

            break;
        case "exit":
            await host.StopAsync();
            return 0;
        default:
            Console.WriteLine($"done {command} unknown");
            break;
    }
}

await host.StopAsync();
return 0;

static ValueTask Raised(string state)
{
    Console.WriteLine($"raised {state} {DateTimeOffset.UtcNow:O}");
    return ValueTask.CompletedTask;
}
