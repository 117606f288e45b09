using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

/// <summary>
/// What the harness's container tests need: a Docker engine that answers and the images scripts/test.sh builds, each
/// named by its variable. Without one of them a test is skipped, its reason naming what is missing.
/// </summary>
public static class ContainerPrerequisites
{
    /// <summary>Skips unless every variable names an image and an engine answers.</summary>
    /// <returns>The images, in the order of <paramref name="imageVariables"/>.</returns>
    public static async Task<IReadOnlyList<string>> RequireAsync(params string[] imageVariables)
    {
        var images = new List<string>();
        foreach (var variable in imageVariables)
        {
            var image = System.Environment.GetEnvironmentVariable(variable);
            Assert.SkipWhen(string.IsNullOrWhiteSpace(image),
                $"{variable} names no image (scripts/test.sh builds one where a Docker engine runs).");
            images.Add(image!);
        }

        Assert.SkipUnless(await DockerEngineProbe.AnswersAsync(null, TimeSpan.FromSeconds(2)), "No Docker engine answers.");
        return images;
    }
}
