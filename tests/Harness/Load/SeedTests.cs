using System.Collections.Concurrent;
using Resilience.Load;
using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Load;

[Collection(nameof(LoadTimingCollection))]
public sealed class SeedTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_same_seed_replays_the_same_step_sequence_in_the_open_model()
    {
        var first = await OpenRunAsync(seed: 42);
        var again = await OpenRunAsync(seed: 42);
        var other = await OpenRunAsync(seed: 43);

        first.Should().HaveCount(1000);
        again.Should().Equal(first, "iteration i picks its step and random draws from (seed, i) alone");
        other.Should().NotEqual(first);
        var mix = first.GroupBy(choice => choice.Step).ToDictionary(group => group.Key, group => group.Count());
        mix["read"].Should().BeInRange(650, 750, "read has 70 % of the weight");
        mix["write"].Should().BeInRange(160, 240, "write has 20 % of the weight");
        mix["search"].Should().BeInRange(70, 130, "search has 10 % of the weight");
    }

    [Fact]
    public async Task The_same_seed_replays_each_virtual_users_sequence_in_the_closed_model()
    {
        var first = await ClosedRunAsync(seed: 42);
        var again = await ClosedRunAsync(seed: 42);
        var other = await ClosedRunAsync(seed: 43);

        for (var user = 0; user < 3; user++)
        {
            var common = Math.Min(first[user].Count, again[user].Count);
            common.Should().BeGreaterThan(20);
            again[user].Take(common).Should().Equal(first[user].Take(common), "user {0} draws from its own seeded source", user);
            other[user].Take(20).Should().NotEqual(first[user].Take(20));
        }
    }

    private static async Task<List<Choice>> OpenRunAsync(long seed)
    {
        var choices = new ConcurrentBag<(long Iteration, Choice Choice)>();
        var scenario = RecordingScenario((context, choice) => choices.Add((context.Iteration, choice)));

        var result = await LoadTest.For(scenario).WithLoad(Simulation.Inject(1000, OneSecond)).WithSeed(seed).Build()
            .RunAsync(TestContext.Current.CancellationToken);

        result.Seed.Should().Be(seed, "the seed is reported in the result");
        return choices.OrderBy(entry => entry.Iteration).Select(entry => entry.Choice).ToList();
    }

    private static async Task<List<Choice>[]> ClosedRunAsync(long seed)
    {
        var choices = new ConcurrentBag<(int User, long Iteration, Choice Choice)>();
        var scenario = RecordingScenario((context, choice) => choices.Add((context.VirtualUser, context.Iteration, choice)));
        var think = ThinkTime.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3));

        await LoadTest.For(scenario).WithLoad(Simulation.KeepConstant(3, OneSecond, think)).WithSeed(seed).Build()
            .RunAsync(TestContext.Current.CancellationToken);

        return Enumerable.Range(0, 3)
            .Select(user => choices.Where(entry => entry.User == user).OrderBy(entry => entry.Iteration).Select(entry => entry.Choice).ToList())
            .ToArray();
    }

    /// <summary>Three weighted steps that report which step ran and the first draw of the iteration's Random.</summary>
    private static Scenario RecordingScenario(Action<StepContext, Choice> record)
    {
        Func<StepContext, ValueTask<StepResult>> step = context =>
        {
            record(context, new Choice(context.StepName, context.Random.Next()));
            return ValueTask.FromResult(StepResult.Ok);
        };
        return Scenario.Create("mix").WithStep("read", 70, step).WithStep("write", 20, step).WithStep("search", 10, step);
    }

    private sealed record Choice(string Step, int FirstDraw);
}
