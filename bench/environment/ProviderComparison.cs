using System.Globalization;
using Resilience.Fixtures.Environment;
using Resilience.Reference.Stack;

/// <summary>
/// Start-up until ready with local processes against containers, measured side by side: each round starts
/// PostgreSQL and Redis with the local provider, then with the containers provider, then the reference app's whole
/// stack the same way, so a load swing hits both providers alike. Round 0 is the cold start of this process (JIT,
/// first Docker client); the figures of the warm rounds follow it.
/// </summary>
/// <remarks>
/// Servers: <see cref="ResilienceEnvironment.StartupDuration"/> (orphan scan, both servers accepting connections).
/// Stack: <see cref="Resilience.Fixtures.Services.ServiceStack.StartupDuration"/> (servers and proxies side by side,
/// then the app until <c>/health/ready</c>), with crash-safe commits as the suites' StackFixture starts it. The
/// containers provider takes its images from <c>RESILIENCE_POSTGRES_IMAGE</c> / <c>RESILIENCE_REDIS_IMAGE</c> and its
/// engine from <c>DOCKER_HOST</c>; the app always runs as a local process.
/// </remarks>
internal static class ProviderComparison
{
    private static readonly EnvironmentProvider[] Providers = [EnvironmentProvider.Local, EnvironmentProvider.Containers];

    /// <param name="rounds">Warm rounds after round 0, e.g. 5.</param>
    /// <exception cref="EnvironmentUnavailableException">No Docker engine answers, or postgres / redis-server are missing.</exception>
    public static async Task RunAsync(int rounds)
    {
        // Fail rather than fall back to local: a containers figure must never be a local start in disguise.
        var settings = ResilienceEnvironmentSettings.FromEnvironmentVariables() with { ContainersFallback = ContainersFallback.Skip };
        var servers = Providers.ToDictionary(provider => provider, _ => new List<double>());
        var stacks = Providers.ToDictionary(provider => provider, _ => new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var provider in Providers)
            {
                servers[provider].Add(await TimeServersAsync(settings, provider));
            }

            foreach (var provider in Providers)
            {
                stacks[provider].Add(await TimeStackAsync(settings, provider));
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}{(round == 0 ? " (cold)" : string.Empty)} of {rounds}: PostgreSQL + Redis local {servers[EnvironmentProvider.Local][^1]:F0} ms, " +
                $"containers {servers[EnvironmentProvider.Containers][^1]:F0} ms; stack local {stacks[EnvironmentProvider.Local][^1]:F0} ms, " +
                $"containers {stacks[EnvironmentProvider.Containers][^1]:F0} ms; load {LoadAverage()}"));
        }

        ProviderTable.Print(
        [
            new("PostgreSQL + Redis accept connections", servers[EnvironmentProvider.Local], servers[EnvironmentProvider.Containers]),
            new("whole stack: servers, proxies, app ready", stacks[EnvironmentProvider.Local], stacks[EnvironmentProvider.Containers]),
        ]);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} warm rounds after run 0, each local then containers; images {settings.PostgresImage ?? "(default)"}, {settings.RedisImage ?? "(default)"}; " +
            $"engine {System.Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "(default)"}; harness root {settings.HarnessRootPath}; " +
            $"load average at the end {LoadAverage()} on {System.Environment.ProcessorCount} cores."));
    }

    private static async Task<double> TimeServersAsync(ResilienceEnvironmentSettings settings, EnvironmentProvider provider)
    {
        await using var environment = new ResilienceEnvironmentBuilder().WithSettings(settings).WithProvider(provider).Build();
        await environment.StartAsync();
        RequireProvider(environment.Provider, provider);
        await ServerCheck.VerifyAsync(environment);
        return environment.StartupDuration.TotalMilliseconds;
    }

    private static async Task<double> TimeStackAsync(ResilienceEnvironmentSettings settings, EnvironmentProvider provider)
    {
        await using var stack = await ResilienceStack.StartNewAsync(stack => stack.WithEnvironment(environment => environment
            .WithSettings(settings)
            .WithProvider(provider)
            .WithPostgres(postgres => postgres.WithCrashSafeCommits())));
        RequireProvider(stack.Environment.Provider, provider);

        // Outside the timed section: the app the timer stopped for still answers ready.
        using var client = stack.App.CreateClient();
        using var ready = await client.GetAsync(new Uri(stack.Service.Readiness.Path, UriKind.Relative));
        if (ready.StatusCode != stack.Service.Readiness.Status)
        {
            throw new InvalidOperationException($"The app answered {(int)ready.StatusCode} on {stack.Service.Readiness.Path} after start-up.");
        }

        return stack.Service.StartupDuration.TotalMilliseconds;
    }

    private static void RequireProvider(EnvironmentProvider actual, EnvironmentProvider expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Asked for the {expected} provider, got {actual}.");
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
