namespace Resilience.Tests.Harness.Reports;

/// <summary>A fresh folder for one test's run records and report, removed when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("resilience-report-test-").FullName;
    }

    public string Path { get; }

    public string Runs => System.IO.Path.Combine(Path, "runs");

    public string Out => System.IO.Path.Combine(Path, "out");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
