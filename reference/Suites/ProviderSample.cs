namespace Resilience.Reference.Suites;

/// <summary>
/// The trait by which <c>scripts/test.sh</c> runs representative parts of the suites on other providers than local
/// processes, so that each test still runs once per CI run: with the containers provider (<c>RESILIENCE_ENV=containers</c>:
/// PostgreSQL and Redis in containers, a crash is <c>docker kill</c>, a freeze <c>docker pause</c>), and against the
/// stack of <c>docker-compose.chaos.yml</c> (<c>RESILIENCE_ENV=external</c>: the harness owns none of its processes).
/// A plain <c>dotnet test</c> ignores it and runs every test with the provider the environment chooses.
/// </summary>
public static class ProviderSample
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "ProviderSample";

    /// <summary>The tests that run on containers in CI.</summary>
    public const string Containers = "containers";

    /// <summary>The tests that run against the compose stack in CI; only faults made through Toxiproxy qualify.</summary>
    public const string External = "external";
}
