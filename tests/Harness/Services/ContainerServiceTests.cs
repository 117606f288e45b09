using System.Net;
using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Services;
using Resilience.Reference.Stack;
using Resilience.Reference.Suites;
using Resilience.Tests.Harness.Environment;

namespace Resilience.Tests.Harness.Services;

/// <summary>
/// The reference app started from its image (<see cref="ServiceCommand.Container"/>), on the host's network, wired to
/// the proxies on 127.0.0.1. Needs a Docker engine and the image named by <c>RESILIENCE_APP_IMAGE</c> (scripts/test.sh
/// builds it); without them the tests are skipped, naming what is missing.
/// </summary>
public sealed class ContainerServiceTests
{
    private const string ImageVariable = "RESILIENCE_APP_IMAGE";

    [Fact]
    public async Task The_container_answers_on_loopback_and_reaches_its_database_only_through_the_proxy()
    {
        await using var started = await StartAsync();
        using var client = started.Stack.Service.CreateClient(TimeSpan.FromSeconds(5));

        started.Stack.AppAddress.Host.Should().Be("127.0.0.1");
        (await client.GetAsync("/orders?page=1&size=1", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        await started.Stack.Proxies["postgres"].DisableAsync(TestContext.Current.CancellationToken);
        (await client.GetAsync("/orders?page=1&size=1", TestContext.Current.CancellationToken)).IsSuccessStatusCode
            .Should().BeFalse("the list is read from PostgreSQL, and its only way there is the disabled proxy");
        File.ReadAllText(started.Stack.Service.LogPath).Should().NotBeEmpty("the container's output goes to the service's log");
    }

    [Fact]
    public async Task A_crash_is_docker_kill_and_the_restart_answers_on_the_same_port_and_a_freeze_is_docker_pause()
    {
        await using var started = await StartAsync();
        var service = started.Stack.Service;
        var address = service.BaseAddress;
        using var client = service.CreateClient(TimeSpan.FromSeconds(1));

        service.Kill();
        service.State.Should().Be(ServerProcessState.Killed);
        await client.Invoking(c => c.GetAsync("/health/ready", TestContext.Current.CancellationToken)).Should().ThrowAsync<HttpRequestException>();
        await service.RestartAsync(TestContext.Current.CancellationToken);
        service.BaseAddress.Should().Be(address);
        (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        await service.PauseAsync(TestContext.Current.CancellationToken);
        await client.Invoking(c => c.GetAsync("/health/ready", TestContext.Current.CancellationToken)).Should().ThrowAsync<TaskCanceledException>("a frozen service answers nothing");
        await service.ResumeAsync(TestContext.Current.CancellationToken);
        (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<StartedStack> StartAsync()
    {
        var image = (await ContainerPrerequisites.RequireAsync(ImageVariable))[0];

        var priceStub = await PriceStubServer.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var stack = await ServiceStack.StartNewAsync(
                _ => ReferenceAppConventions.Describe(priceStub.Address).WithCommand(ServiceCommand.Container(image)).WithStartupTimeout(TimeSpan.FromSeconds(60)),
                TestContext.Current.CancellationToken);
            return new StartedStack(stack, priceStub);
        }
        catch
        {
            await priceStub.DisposeAsync();
            throw;
        }
    }

    private sealed record StartedStack(ServiceStack Stack, PriceStubServer PriceStub) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stack.DisposeAsync();
            await PriceStub.DisposeAsync();
        }
    }
}
