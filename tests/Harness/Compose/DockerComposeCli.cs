using System.Diagnostics;

namespace Resilience.Tests.Harness.Compose;

/// <summary>
/// Debian's <c>docker-compose</c> (1.29), which validates and normalises a compose file without a Docker engine.
/// Without it the tests skip, except in CI where that is a failure.
/// </summary>
public static class DockerComposeCli
{
    public static string? Find() =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "docker-compose"))
            .FirstOrDefault(File.Exists);

    public static void RequireInstalled()
    {
        if (Find() is not null)
        {
            return;
        }

        const string message = "docker-compose is not installed (Debian: apt-get install -y docker-compose).";
        if (System.Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException($"{message} In CI (CI=true) it is required.");
        }

        Assert.Skip($"{message} Skipped outside CI.");
    }

    /// <summary>What the compose file interpolates: the passwords, and the images and host ports a run may replace.</summary>
    private static readonly string[] ComposeVariables =
    [
        "POSTGRES_PASSWORD", "REDIS_PASSWORD",
        "RESILIENCE_POSTGRES_IMAGE", "RESILIENCE_REDIS_IMAGE", "RESILIENCE_TOXIPROXY_IMAGE", "RESILIENCE_APP_IMAGE",
        "RESILIENCE_POSTGRES_PORT", "RESILIENCE_REDIS_PORT", "RESILIENCE_TOXIPROXY_PORT", "RESILIENCE_APP_PORT",
    ];

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>
    /// <c>docker-compose --env-file (empty) -f file config</c> with exactly the given variables for interpolation:
    /// a developer's own .env or exported passwords must not change what the test sees.
    /// </summary>
    public static async Task<Result> ConfigAsync(string composeFile, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var emptyEnvFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(Find() ?? throw new InvalidOperationException("docker-compose is not installed."),
                ["--env-file", emptyEnvFile, "-f", composeFile, "config"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(composeFile)!,
            };
            // Only the variables given count: the file is judged by its defaults, the official images, unless a test says otherwise.
            foreach (var name in ComposeVariables)
            {
                start.Environment.Remove(name);
            }

            foreach (var (name, value) in variables)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new Result(process.ExitCode, await output, await error);
        }
        finally
        {
            File.Delete(emptyEnvFile);
        }
    }
}
