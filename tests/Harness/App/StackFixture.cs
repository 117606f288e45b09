using Resilience.Fixtures.Environment;
using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>
/// One started <see cref="ResilienceStack"/> shared by the tests of a class or collection. Where the machine has no
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
