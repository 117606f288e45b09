using Resilience.Fixtures.Workloads;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>Template values whose pool each run's seeding makes (the ids of the records reads will ask for).</summary>
public sealed class SeededValueTests : IAsyncLifetime
{
    private WorkloadService _service = null!;

    public async ValueTask InitializeAsync() => _service = await WorkloadService.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task After_seeding_a_template_draws_only_from_the_pool_the_runs_seed_made()
    {
        WorkloadContext? seededWith = null;
        var run = _service.Run(Reads((context, _) =>
        {
            seededWith = context;
            return Task.FromResult<IReadOnlyList<string>>([$"{context.KeyPrefix}-a", $"{context.KeyPrefix}-b"]);
        }, beforeSeeding: null));
        await run.SeedAsync(TestContext.Current.CancellationToken);

        for (var iteration = 1; iteration <= 40; iteration++)
        {
            await WorkloadService.InvokeAsync(run, "read", iteration, randomSeed: iteration);
        }

        seededWith!.KeyPrefix.Should().Be(WorkloadService.KeyPrefix);
        _service.Received.Select(r => r.Path).Distinct().Should().BeEquivalentTo([$"/values/{WorkloadService.KeyPrefix}-a", $"/values/{WorkloadService.KeyPrefix}-b"],
            "every read names a seeded record, and forty draws reach both");
    }

    [Fact]
    public async Task Before_seeding_exercising_uses_the_stand_in_value_or_skips_the_step_without_one()
    {
        var withStandIn = _service.Run(Reads(NeverCalled, beforeSeeding: "1"));
        var without = _service.Run(Reads(NeverCalled, beforeSeeding: null).WithRequest("other", 1, HttpMethod.Get, "/values/other"));

        await withStandIn.ExerciseAsync(TestContext.Current.CancellationToken);
        await without.ExerciseAsync(TestContext.Current.CancellationToken);

        _service.Received.Select(r => r.Path).Should().Equal("/values/1", "/values/other");
    }

    [Fact]
    public async Task A_step_drawing_from_a_pool_that_was_not_seeded_is_an_error_that_says_so()
    {
        var run = _service.Run(Reads(NeverCalled, beforeSeeding: null));

        var send = async () => await WorkloadService.InvokeAsync(run, "read");

        await send.Should().ThrowAsync<InvalidOperationException>().WithMessage("*'{record}' is a seeded value*not been seeded*");
    }

    [Fact]
    public async Task An_empty_pool_fails_the_seeding_naming_the_value()
    {
        var run = _service.Run(Reads((_, _) => Task.FromResult<IReadOnlyList<string>>([]), beforeSeeding: null));

        var seed = () => run.SeedAsync(TestContext.Current.CancellationToken);

        await seed.Should().ThrowAsync<InvalidOperationException>().WithMessage("*'record'*empty pool*");
    }

    private static HttpWorkload Reads(Func<WorkloadContext, CancellationToken, Task<IReadOnlyList<string>>> seed, string? beforeSeeding) =>
        HttpWorkload.Create()
            .WithSeededValues("record", seed, beforeSeeding)
            .WithRequest("read", 1, HttpMethod.Get, "/values/{record}");

    private static Task<IReadOnlyList<string>> NeverCalled(WorkloadContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("exercising must not seed");
}
