using System.Security.Cryptography;
using Resilience.Tests.Harness.Reports;

namespace Resilience.Tests.Harness.Compose;

/// <summary>docker-compose.chaos.yml normalised once per test class, with passwords generated for this run.</summary>
public sealed class ChaosComposeConfig : IAsyncLifetime
{
    public static string ComposeFile { get; } = Path.Combine(RepositoryPaths.Root, "docker-compose.chaos.yml");

    public string PostgresPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string RedisPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public DockerComposeCli.Result? Result { get; private set; }
    public ComposeModel Model { get; private set; } = new();

    public IReadOnlyDictionary<string, string> Passwords => new Dictionary<string, string>
    {
        ["POSTGRES_PASSWORD"] = PostgresPassword,
        ["REDIS_PASSWORD"] = RedisPassword,
    };

    public async ValueTask InitializeAsync()
    {
        if (DockerComposeCli.Find() is null)
        {
            return; // each test skips, or fails in CI, through DockerComposeCli.RequireInstalled
        }

        Result = await DockerComposeCli.ConfigAsync(ComposeFile, Passwords, CancellationToken.None);
        if (Result.ExitCode == 0)
        {
            Model = ComposeModel.Parse(Result.Output);
        }
    }

    /// <summary>The validated model; fails with docker-compose's own message when the file does not validate.</summary>
    public ComposeModel Validated()
    {
        DockerComposeCli.RequireInstalled();
        Result.Should().NotBeNull();
        Result!.ExitCode.Should().Be(0, "docker-compose config must accept the file: {0}", Result.Error);
        return Model;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
