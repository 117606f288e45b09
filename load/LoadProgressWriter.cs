namespace Resilience.Load;

/// <summary>
/// Writes each progress report as one line to every given sink, e.g. an xUnit test output and the console:
/// <c>new LoadProgressWriter(output.WriteLine, Console.WriteLine)</c>. Unlike <see cref="Progress{T}"/> it calls
/// the sinks directly, on the engine's aggregation thread, without a synchronisation context.
/// </summary>
public sealed class LoadProgressWriter(params Action<string>[] sinks) : IProgress<LoadProgress>
{
    /// <summary>Writes <paramref name="value"/> as one line to every sink, in order.</summary>
    public void Report(LoadProgress value)
    {
        var line = value.ToString();
        foreach (var sink in sinks)
        {
            sink(line);
        }
    }
}
