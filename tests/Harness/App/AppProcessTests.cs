using Resilience.Fixtures.Environment;
using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>The app as a process of the stack: restart, crash, a second instance beside it.</summary>
[Collection(AppStackCollection.Name)]
public sealed class AppProcessTests(AppStack fixture) : IAsyncLifetime
{
    private ResilienceStack Stack => fixture.Stack;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Stack.App.State != ServerProcessState.Running)
        {
            await Stack.App.RestartAsync(TestContext.Current.CancellationToken);
        }

        await fixture.RestoreAsync();
    }

    [Fact]
    public async Task A_killed_app_restarts_as_a_new_process_on_the_same_address_and_serves_what_was_stored()
    {
        var order = await fixture.Client.CreatedOrderAsync("survives-restart");
        var (address, pid) = (Stack.App.BaseAddress, Stack.App.ProcessId);

        Stack.App.Kill();
        var whileDown = () => fixture.Client.FetchAsync("/health/live");
        await whileDown.Should().ThrowAsync<HttpRequestException>("nothing listens once the app is killed");
        await Stack.App.RestartAsync(TestContext.Current.CancellationToken);

        Stack.App.State.Should().Be(ServerProcessState.Running);
        Stack.App.BaseAddress.Should().Be(address);
        Stack.App.ProcessId.Should().NotBe(pid);
        (await fixture.Client.FetchAsync($"/orders/{order.Id}")).Json<OrderDto>().Should().Be(order);
    }

    [Fact]
    public async Task A_second_instance_runs_beside_the_first_with_its_own_switches_and_stops_alone()
    {
        var variant = await Stack.StartAnotherAppAsync(app => app.Without(AppFeature.StaleFallback), TestContext.Current.CancellationToken);
        BreakerDto? variantBreaker;
        await using (variant)
        {
            using var variantClient = variant.Service.CreateClient(TimeSpan.FromSeconds(10));
            variant.Service.BaseAddress.Should().NotBe(Stack.App.BaseAddress);
            variant.Service.LogPath.Should().NotBe(Stack.App.LogPath);
            (await variantClient.FetchAsync("/health/ready")).Status.Should().Be(200);
            variantBreaker = (await variantClient.StatusAsync()).Breaker("postgres");
            (await variantClient.FetchAsync("/resilience")).Body.Should().Contain("\"staleFallback\":{\"enabled\":false}");
        }

        variantBreaker.Enabled.Should().BeTrue("the variant inherits the stack's settings");
        variant.Service.State.Should().Be(ServerProcessState.Disposed);
        Stack.App.State.Should().Be(ServerProcessState.Running);
        (await fixture.Client.FetchAsync("/health/ready")).Status.Should().Be(200, "stopping the variant leaves the stack's app running");
        (await fixture.Client.FetchAsync("/resilience")).Body.Should().Contain("\"staleFallback\":{\"enabled\":true}");
    }
}
