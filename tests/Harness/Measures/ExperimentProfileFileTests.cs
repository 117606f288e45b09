using Resilience.Fixtures.Experiments;
using Resilience.Tests.Harness.Workloads;

namespace Resilience.Tests.Harness.Measures;

/// <summary>A profile of the user's own, from a JSON file: what it changes, and a clear error for what it gets wrong.</summary>
public sealed class ExperimentProfileFileTests
{
    [Fact]
    public void A_file_changes_what_it_names_and_keeps_the_rest_of_the_profile_it_is_based_on()
    {
        var profile = ExperimentProfileFile.Parse(
            """
            { "basedOn": "nightly", "chaosRate": 150, "faultDuration": "00:00:30",
              "sla": { "p95": "00:00:00.300", "maxErrorRate": 0.005 },
              "bounds": { "detection": "00:00:10", "recovery": "00:01:00" } }
            """,
            "/work/inventory.json");

        profile.Name.Should().Be("inventory");
        profile.Selector.Should().Be("/work/inventory.json", "a replay command selects the same file");
        profile.ChaosRate.Should().Be(150);
        profile.FaultDuration.Should().Be(TimeSpan.FromSeconds(30));
        profile.BeforeFault.Should().Be(ExperimentProfile.Nightly.BeforeFault);
        profile.Sla.P95.Should().Be(TimeSpan.FromMilliseconds(300));
        profile.Sla.P99.Should().Be(ExperimentProfile.Nightly.Sla.P99);
        profile.Sla.MaxErrorRate.Should().Be(0.005);
        profile.Bounds.Detection.Should().Be(TimeSpan.FromSeconds(10));
        profile.Bounds.Recovery.Should().Be(TimeSpan.FromMinutes(1));
        profile.Bounds.ClientSlack.Should().Be(RequirementBounds.Default.ClientSlack);
    }

    [Theory]
    [InlineData("""{ "chaosRat": 150 }""", "*chaosRat*")]
    [InlineData("""{ "chaosRate": -1 }""", "*chaosRate must be a positive number*")]
    [InlineData("""{ "bounds": { "detection": "00:00:00" } }""", "*bounds.detection must be positive*")]
    [InlineData("""{ "sla": { "maxErrorRate": 2 } }""", "*sla.maxErrorRate must be between 0 and 1*")]
    [InlineData("""{ "basedOn": "weekly" }""", "*weekly*ci, nightly, signoff*")]
    [InlineData("""{ "faultDuration": "thirty seconds" }""", "*not valid*")]
    public void A_mistake_in_the_file_is_an_error_that_names_it(string json, string message)
    {
        var parse = () => ExperimentProfileFile.Parse(json, "/work/bad.json");

        parse.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void RESILIENCE_PROFILE_naming_a_json_file_that_does_not_exist_says_so()
    {
        var select = () => ExperimentProfile.FromName("no/such/profile.json");

        select.Should().Throw<ArgumentException>().WithMessage("*no such profile file*");
    }

    [Fact]
    public void An_experiment_judges_by_its_profiles_sla_and_bounds_until_told_otherwise_by_code()
    {
        var experiment = Experiment.Against(new StubTarget(new Uri("http://127.0.0.1:1/")));
        var bounds = RequirementBounds.Default with { Detection = TimeSpan.FromSeconds(2) };
        var sla = Fixtures.Measures.Sla.Default with { P95 = TimeSpan.FromMilliseconds(50) };

        experiment.Sla.Should().Be(experiment.Profile.Sla);
        experiment.Profile.Bounds.Should().Be(RequirementBounds.Default);
        experiment.WithBounds(bounds).Profile.Bounds.Should().Be(bounds);
        experiment.WithBounds(bounds).Profile.ChaosRate.Should().Be(experiment.Profile.ChaosRate, "only the bounds change");
        experiment.WithSla(sla).Sla.Should().Be(sla);
    }
}
