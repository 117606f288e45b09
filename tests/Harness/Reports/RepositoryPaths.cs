namespace Resilience.Tests.Harness.Reports;

/// <summary>Where the repository is, found from the test's build output, and where tests keep their artifacts.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Artifacts(params string[] parts) => Path.Combine([Root, "artifacts", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Resilience.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Resilience.sln above {AppContext.BaseDirectory}.");
    }
}
