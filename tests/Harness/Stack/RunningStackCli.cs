using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Stack;

/// <summary>
/// One <c>resilience-stack up</c> kept running for the tests that only look at a running stack, with the variables
/// of the env file it wrote. Where the machine has no PostgreSQL or Redis the tests are skipped, except on CI.
/// </summary>
public sealed class RunningStackCli : IAsyncLifetime
{
    private StackCliProcess? _cli;
    private IReadOnlyDictionary<string, string>? _variables;
    private string? _unavailable;

    /// <summary>The env file's variables: RESILIENCE_ENV, RESILIENCE_APP_URL, RESILIENCE_TOXIPROXY_URL, RESILIENCE_POSTGRES, ...</summary>
    public IReadOnlyDictionary<string, string> Variables => Started()._variables!;

    public string EnvFile => Started()._cli!.EnvFile;

    public Uri AppUrl => new(Variables[EnvironmentVariableNames.ExternalAppUrl] + "/");

    public Uri ToxiproxyUrl => new(Variables[EnvironmentVariableNames.ExternalToxiproxyUrl] + "/");

    public async ValueTask InitializeAsync()
    {
        _cli = StackCliProcess.Start();
        _variables = await _cli.WaitUntilUpAsync();
        _unavailable = _variables is null ? _cli.Console : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cli is not null)
        {
            await _cli.DisposeAsync();
        }
    }

    private RunningStackCli Started()
    {
        if (_unavailable is not null)
        {
            Assert.Skip(_unavailable);
        }

        return this;
    }
}

[CollectionDefinition(nameof(RunningStackCollection))]
public sealed class RunningStackCollection : ICollectionFixture<RunningStackCli>;
