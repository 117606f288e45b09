using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>
/// One started <see cref="ResilienceStack"/> shared by the tests of a class. Where the machine has no
/// PostgreSQL or Redis the tests are skipped, except on CI (<c>CI=true</c>), where that is a failure.
/// </summary>
public abstract class StackFixture : IAsyncLifetime
{
    private ResilienceStack? _stack;
    private HttpClient? _client;
    private EnvironmentUnavailableException? _unavailable;

    public ResilienceStack Stack => Started()._stack!;

    /// <summary>A client of the app; requests that hang fail after 10 s.</summary>
    public HttpClient Client => Started()._client!;

    protected virtual ResilienceStackBuilder Configure(ResilienceStackBuilder stack) => stack;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _stack = await ResilienceStack.StartNewAsync(Configure, TestContext.Current.CancellationToken);
            _client = _stack.App.CreateClient(TimeSpan.FromSeconds(10));
        }
        catch (EnvironmentUnavailableException e) when (System.Environment.GetEnvironmentVariable(EnvironmentVariableNames.ContinuousIntegration) != "true")
        {
            _unavailable = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private StackFixture Started()
    {
        if (_stack is null && _unavailable is not null)
        {
            Assert.Skip(_unavailable.Message);
        }

        return _stack is not null ? this : throw new InvalidOperationException("The stack did not start.");
    }
}

/// <summary>The app with its default settings and healthy dependencies.</summary>
public sealed class HealthyStack : StackFixture;

/// <summary>
/// The app set up for fault tests: breakers that close one second after a fault ends, and cached copies that are
/// never fresh, so every read asks PostgreSQL and the stale fallback is exercised at once.
/// </summary>
public sealed class FaultStack : StackFixture
{
    public const int BreakDurationMs = 1000;

    protected override ResilienceStackBuilder Configure(ResilienceStackBuilder stack) => stack.WithApp(FastRecovery);

    public static AppUnderTestBuilder FastRecovery(AppUnderTestBuilder app) => app
        .WithSetting("Redis:FreshForMs", "0")
        .WithSetting("Resilience:Postgres:CircuitBreaker:BreakDurationMs", $"{BreakDurationMs}")
        .WithSetting("Resilience:Redis:CircuitBreaker:BreakDurationMs", $"{BreakDurationMs}")
        .WithSetting("Resilience:External:CircuitBreaker:BreakDurationMs", $"{BreakDurationMs}");
}
