namespace Resilience.Reference.Suites;

/// <summary>
/// The trait by which <c>scripts/test.sh</c> runs a representative part of the suites with the containers provider
/// (<c>RESILIENCE_ENV=containers</c>: PostgreSQL and Redis in containers, a crash is <c>docker kill</c>, a freeze
/// <c>docker pause</c>) and the rest with local processes, so each test still runs once per CI run. A plain
/// <c>dotnet test</c> ignores it and runs every test with the provider the environment chooses.
/// </summary>
public static class ProviderSample
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "ProviderSample";

    /// <summary>The tests that run on containers in CI.</summary>
    public const string Containers = "containers";
}
