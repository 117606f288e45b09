using System.Security.Cryptography;
using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

/// <summary>
/// A harness root of the test's own, so reaping in one test never races with environments of tests running in
/// parallel. Deleted (with anything left in it) when disposed.
/// </summary>
internal sealed class PrivateHarnessRoot : IDisposable
{
    public PrivateHarnessRoot() =>
        Root = new HarnessRoot(Path.Combine(Path.GetTempPath(), "resilience-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))));

    public HarnessRoot Root { get; }

    public string Directory => Root.Path;

    /// <summary>The machine's settings (server binaries, cache) with this root and the given provider.</summary>
    public ResilienceEnvironmentSettings Settings(EnvironmentProvider provider = EnvironmentProvider.Local) =>
        ResilienceEnvironmentSettings.FromEnvironmentVariables() with { HarnessRootPath = Directory, Provider = provider };

    public ResilienceEnvironmentBuilder Builder(EnvironmentProvider provider = EnvironmentProvider.Local) =>
        new ResilienceEnvironmentBuilder().WithSettings(Settings(provider));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
