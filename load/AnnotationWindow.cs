using Resilience.Load.Engine;

namespace Resilience.Load;

/// <summary>An open annotation window of a <see cref="LoadRun"/>; <see cref="End"/> or dispose closes it at that moment.</summary>
public sealed class AnnotationWindow : IDisposable
{
    private readonly AnnotationLog _log;
    private readonly int _handle;
    private readonly Func<DateTimeOffset> _now;

    internal AnnotationWindow(AnnotationLog log, int handle, Func<DateTimeOffset> now)
    {
        _log = log;
        _handle = handle;
        _now = now;
    }

    public void End() => _log.Close(_handle, _now());

    public void End(DateTimeOffset at) => _log.Close(_handle, at);

    public void Dispose() => End();
}
