using Resilience.Load;
using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;
using Resilience.Load.Text;

namespace Resilience.Tests.Harness.Load;

/// <summary>Bad definitions fail when they are written, with a message that says what is wrong.</summary>
public sealed class DefinitionValidationTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static readonly Func<StepContext, ValueTask<StepResult>> Ok = _ => ValueTask.FromResult(StepResult.Ok);

    [Fact]
    public void Simulations_refuse_negative_rates_and_empty_durations()
    {
        ((Action)(() => Simulation.Inject(-1, OneSecond))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*rate must be zero or positive*");
        ((Action)(() => Simulation.Inject(10, TimeSpan.Zero))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Inject during must be positive*");
        ((Action)(() => Simulation.Inject(10, TimeSpan.Zero, OneSecond))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*interval must be positive*");
        ((Action)(() => Simulation.KeepConstant(-2, OneSecond))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => Simulation.Spike(new SpikeOptions(100, 50, OneSecond, OneSecond, OneSecond)))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*peak*below its base*");
        ((Action)(() => ThinkTime.Uniform(OneSecond, TimeSpan.Zero))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Scenarios_refuse_duplicate_names_and_bad_weights()
    {
        var scenario = Scenario.Create("orders").WithStep("read", 70, Ok);

        ((Action)(() => scenario.WithStep("read", 30, Ok))).Should().Throw<ArgumentException>().WithMessage("*already has a step named 'read'*");
        ((Action)(() => scenario.WithStep("write", 0, Ok))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*positive, finite weight*");
        scenario.Steps.Should().ContainSingle("a scenario is immutable; WithStep returns a new one");
    }

    [Fact]
    public void A_load_test_needs_steps_simulations_and_sane_options()
    {
        var noSteps = () => LoadTest.For(Scenario.Create("empty")).WithLoad(Simulation.Inject(1, OneSecond)).Build();
        var noLoad = () => LoadTest.For(Scenario.Create("orders", Ok)).Build();
        var noRoom = () => LoadTest.For(Scenario.Create("orders", Ok)).WithLoad(Simulation.Inject(1, OneSecond)).WithMaxInFlight(0).Build();

        noSteps.Should().Throw<InvalidOperationException>().WithMessage("*has no steps*");
        noLoad.Should().Throw<InvalidOperationException>().WithMessage("*has no simulations*");
        noRoom.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxInFlight must be at least 1*");
    }

    [Fact]
    public void A_built_test_has_a_fixed_seed_and_its_planned_duration()
    {
        var test = LoadTest.For(Scenario.Create("orders", Ok))
            .WithLoad(Simulation.Inject(10, OneSecond), Simulation.Pause(OneSecond), Simulation.RampingConstant(5, TimeSpan.FromSeconds(3)))
            .Build();

        test.Duration.Should().Be(TimeSpan.FromSeconds(5));
        test.Options.Seed.Should().NotBeNull("a seed is picked at build time so every start replays the same choices");
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("250us", 0.25)]
    public void Durations_read_as_people_write_them(string text, double milliseconds)
    {
        DurationText.Parse(text).TotalMilliseconds.Should().BeApproximately(milliseconds, 1e-9);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("30", "needs a unit")]
    [InlineData("soon", "is not a duration")]
    [InlineData("5d", "needs a unit")]
    public void Bad_durations_say_how_to_write_one(string text, string problem)
    {
        ((Action)(() => DurationText.Parse(text))).Should().Throw<FormatException>().WithMessage($"*{problem}*");
    }
}
